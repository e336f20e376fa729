//! XLSX → neutral form.
use super::{Doc, ImportError};
pub fn read(_bytes: &[u8]) -> Result<Doc, ImportError> {
    todo!()
}
