//! `quotelens.toml`: defaults for a project's runs, so that a team's targets and models live in
//! one file beside the corpus rather than in every command. Flags on the command line win.
//!
//! ```toml
//! # Targets for `label` (as --target: NAME=ALIAS|ALIAS), used when no --target is given.
//! targets = ["the peace plan=the 28-point plan|the framework|the deal"]
//!
//! [models]                  # as --stance-model, --sentiment-model, --tagger
//! stance = "models/stance"  # relative paths are relative to this file's folder
//! sentiment = "models/sentiment"
//! attribution = "models/attribution"
//! full_precision = false    # as --full-precision
//! ```
//!
//! The file is `--config FILE`, else `quotelens.toml` in the working directory if there is one.

use anyhow::{Context, Result};
use quotelens_core::target::Target;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file looked for in the working directory.
pub const FILE_NAME: &str = "quotelens.toml";

/// What a configuration file may set.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `label`'s targets, parsed as `--target` parses them.
    #[serde(default, deserialize_with = "parse_targets")]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub models: Models,
}

/// Model directories and how to read them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Models {
    pub stance: Option<PathBuf>,
    pub sentiment: Option<PathBuf>,
    pub attribution: Option<PathBuf>,
    pub full_precision: Option<bool>,
}

impl Config {
    /// The configuration of `explicit`, else of `quotelens.toml` in the working directory, else
    /// none. A file that is given but missing, or that does not parse, is an error naming it.
    pub fn find(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None if Path::new(FILE_NAME).is_file() => PathBuf::from(FILE_NAME),
            None => return Ok(Config::default()),
        };
        crate::verbose::detail!("configuration: {}", path.display());
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        Config::parse(&text, path.parent().unwrap_or(Path::new(""))).with_context(|| path.display().to_string())
    }

    /// Parse a configuration whose relative paths are relative to `dir`.
    pub fn parse(text: &str, dir: &Path) -> Result<Config> {
        let mut config: Config = toml::from_str(text)?;
        let models = &mut config.models;
        for path in [&mut models.stance, &mut models.sentiment, &mut models.attribution].into_iter().flatten() {
            if path.is_relative() {
                *path = dir.join(&*path);
            }
        }
        Ok(config)
    }

    /// `label`'s targets: those of the command line, else the file's.
    pub fn targets(&self, given: Vec<Target>) -> Vec<Target> {
        if given.is_empty() {
            self.targets.clone()
        } else {
            given
        }
    }
}

/// Targets as `--target` reads them (`NAME=ALIAS|ALIAS`); one that does not parse is an error
/// naming it, at its place in the file.
fn parse_targets<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Target>, D::Error> {
    let texts = Vec::<String>::deserialize(deserializer)?;
    texts.iter().map(|t| t.parse().map_err(|e| serde::de::Error::custom(format!("target {t:?}: {e}")))).collect()
}

/// `given` if the command line gave it, else the file's.
pub fn or_file(given: &mut Option<PathBuf>, file: &Option<PathBuf>) {
    if given.is_none() {
        given.clone_from(file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_model_paths_are_relative_to_the_file_and_targets_parse() {
        let text = "targets = [\"the plan=the deal|the framework\"]\n[models]\nstance = \"m/stance\"\nsentiment = \"/abs/s\"\n";
        let config = Config::parse(text, Path::new("/corpus")).unwrap();
        assert_eq!(config.models.stance.as_deref(), Some(Path::new("/corpus/m/stance")));
        assert_eq!(config.models.sentiment.as_deref(), Some(Path::new("/abs/s")));
        let targets = config.targets(Vec::new());
        assert_eq!(targets.len(), 1);
        // The command line wins.
        let given: Vec<Target> = vec!["the accord".parse().unwrap()];
        assert_eq!(config.targets(given.clone()), given);
    }

    #[test]
    fn a_misspelled_key_or_a_bad_target_is_an_error_that_says_where() {
        let err = format!("{:#}", Config::parse("[models]\nstanse = \"x\"\n", Path::new("")).unwrap_err());
        assert!(err.contains("stanse") && err.contains("line 2"), "{err}");
        let err = format!("{:#}", Config::parse("targets = [\"=x\"]\n", Path::new("")).unwrap_err());
        assert!(err.contains("targets"), "{err}");
    }
}
