//! Padded batches of encoded inputs, shared by every model: the tensors a batch becomes, and
//! reading each row without its padding.

use rust_tokenizers::TokenizedInput;
use tch::{Device, Kind, Tensor};

/// `read(row, length)` over each row of a padded batch (`mask`: `[batch, width]`, 1 on the
/// `length` real positions at the start of the row), its `[length, …]` results padded back to
/// `width` with zeros and stacked: for layers that must not see the padding.
pub fn each_unpadded(mask: &Tensor, read: impl Fn(i64, i64) -> Tensor) -> Tensor {
    let width = mask.size()[1];
    let lengths =
        Vec::<i64>::try_from(mask.sum_dim_intlist(1, false, Kind::Int64)).expect("lengths are a 1-d integer tensor");
    let rows: Vec<Tensor> =
        lengths.iter().enumerate().map(|(row, &n)| read(row as i64, n).constant_pad_nd([0, 0, 0, width - n])).collect();
    Tensor::stack(&rows, 0)
}

/// Pad a batch of encoded inputs into id, attention-mask and segment tensors.
pub fn batch_tensors(batch: &[&TokenizedInput], pad_id: i64, device: Device) -> (Tensor, Tensor, Tensor) {
    let width = batch.iter().map(|t| t.token_ids.len()).max().unwrap_or(1).max(1);
    let mut ids = Vec::with_capacity(batch.len() * width);
    let mut mask = Vec::with_capacity(batch.len() * width);
    let mut types = Vec::with_capacity(batch.len() * width);
    for t in batch {
        let n = t.token_ids.len();
        ids.extend(t.token_ids.iter().copied().chain(std::iter::repeat_n(pad_id, width - n)));
        mask.extend(std::iter::repeat_n(1i64, n).chain(std::iter::repeat_n(0, width - n)));
        types.extend(t.segment_ids.iter().map(|&s| s as i64).chain(std::iter::repeat_n(0, width - n)));
    }
    let shape = [batch.len() as i64, width as i64];
    (
        Tensor::from_slice(&ids).view(shape).to_device(device),
        Tensor::from_slice(&mask).view(shape).to_device(device),
        Tensor::from_slice(&types).view(shape).to_device(device),
    )
}
