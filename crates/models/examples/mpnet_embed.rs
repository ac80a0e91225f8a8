//! Embed the third column of a TSV with all-mpnet-base-v2 (8-bit) and write one line of
//! space-separated floats per row: for quick linear probes.
use quotelens_models::mpnet::Mpnet;
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let mut model = Mpnet::load(std::path::Path::new("models/base/all-mpnet-base-v2"), tch::Device::Cpu)?;
    model.quantize(true)?;
    let text = std::fs::read_to_string(&args[1])?;
    let rows: Vec<&str> = text.lines().map(|l| l.splitn(3, '\t').nth(2).unwrap_or("")).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| rows[i].len());
    let mut out = vec![String::new(); rows.len()];
    for chunk in order.chunks(32) {
        let texts: Vec<&str> = chunk.iter().map(|&i| rows[i]).collect();
        let e = Vec::<Vec<f32>>::try_from(&model.embed(&texts))?;
        for (&i, v) in chunk.iter().zip(e) {
            out[i] = v.iter().map(|x| format!("{x:.5}")).collect::<Vec<_>>().join(" ");
        }
    }
    let mut f = std::fs::File::create(&args[2])?;
    for line in out {
        writeln!(f, "{line}")?;
    }
    Ok(())
}
