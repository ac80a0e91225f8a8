//! A stance target and the other names coverage gives it: `--target "the peace plan=the
//! 28-point plan|the framework|the deal"`.
//!
//! News calls one plan by several names, and a quote is best judged toward the name its own
//! article uses: "we reject the framework" is about the plan only to a reader who knows the
//! framework is the plan. Each quote is therefore scored toward the first alias its text or the
//! text before it uses, and its row still names the target by its main name, so that rows
//! group by target whatever the article called it.

use std::fmt;
use std::str::FromStr;

/// A target: its main name, and aliases in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The name rows carry in their `target` column.
    pub name: String,
    /// Other names for it, tried in order.
    pub aliases: Vec<String>,
}

impl Target {
    /// A target with no aliases.
    pub fn new(name: impl Into<String>) -> Self {
        Target { name: name.into(), aliases: Vec::new() }
    }

    /// The name to judge stance toward in `text`: the first alias that `text` uses (whole words,
    /// any case), else the main name. The main name wins when `text` uses it too.
    pub fn as_written_in(&self, text: &str) -> &str {
        let lower = text.to_lowercase();
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .find(|alias| contains_words(&lower, &alias.to_lowercase()))
            .unwrap_or(&self.name)
    }
}

/// Whether `needle` occurs in `haystack` (both lower-cased) with no letter or digit just before
/// or after it: "the deal" is in "said the deal was", not in "the dealer".
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(needle).any(|(at, _)| {
        !word_char(haystack[..at].chars().next_back()) && !word_char(haystack[at + needle.len()..].chars().next())
    })
}

impl FromStr for Target {
    type Err = String;

    /// `name` or `name=alias|alias|…`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, aliases) = s.split_once('=').unwrap_or((s, ""));
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("--target {s:?}: the target has no name; write NAME or NAME=ALIAS|ALIAS"));
        }
        let aliases = aliases.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect();
        Ok(Target { name: name.to_string(), aliases })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.aliases.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{}={}", self.name, self.aliases.join("|"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_read_with_its_aliases_and_written_back_the_same() {
        let target: Target = "the peace plan = the 28-point plan | the framework|the deal".parse().unwrap();
        assert_eq!(target.name, "the peace plan");
        assert_eq!(target.aliases, ["the 28-point plan", "the framework", "the deal"]);
        assert_eq!(target.to_string(), "the peace plan=the 28-point plan|the framework|the deal");
        assert_eq!("the plan".parse::<Target>().unwrap(), Target::new("the plan"));
        assert!("=the deal".parse::<Target>().unwrap_err().contains("has no name"));
    }

    #[test]
    fn a_quote_is_judged_toward_the_name_its_text_uses() {
        let target: Target = "the peace plan=the 28-point plan|the framework|the deal".parse().unwrap();
        assert_eq!(target.as_written_in("We reject The Framework outright."), "the framework");
        assert_eq!(target.as_written_in("The deal is dead, and the 28-point plan with it."), "the 28-point plan");
        assert_eq!(target.as_written_in("The peace plan, or the deal, as some call it."), "the peace plan");
        // Whole words only: a dealer is not the deal.
        assert_eq!(target.as_written_in("Ask the dealer."), "the peace plan");
    }
}
