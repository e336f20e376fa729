use crate::cff::argstack::ArgumentsStack;
use crate::cff::number::{FixedNumber, Number};
use crate::cff::operator::{Operator, OperatorType};
use crate::cff::subroutines::SubroutineHandler;
use crate::read::Reader;
use crate::write::Writer;
use crate::Error::{CFFError, Unimplemented};
use crate::Result;
use operators::*;

pub type CharString<'a> = &'a [u8];

// Adapted from fonttools.
/// A charstring decompiler.
pub struct Decompiler<'a> {
    gsubr_handler: SubroutineHandler<'a>,
    lsubr_handler: SubroutineHandler<'a>,
    stack: ArgumentsStack,
    hint_count: u16,
    hint_mask_bytes: u16,
}

enum CharStringEnd {
    Return,
    EndChar,
}

impl<'a> Decompiler<'a> {
    /// Create a new charstring decompiler.
    pub fn new(
        gsubr_handler: SubroutineHandler<'a>,
        lsubr_handler: SubroutineHandler<'a>,
    ) -> Self {
        Self {
            gsubr_handler,
            lsubr_handler,
            stack: ArgumentsStack::new(),
            hint_count: 0,
            hint_mask_bytes: 0,
        }
    }


    /// Decompile a charstring into `program` (emptied first), so that one program's
    /// allocation serves every glyph of a subset.
    pub fn decompile_into(
        mut self,
        charstring: CharString<'a>,
        program: &mut Program,
    ) -> Result<()> {
        program.clear();
        self.decompile_inner(charstring, program, 1)?;
        Ok(())
    }

    fn decompile_inner(
        &mut self,
        charstring: CharString<'a>,
        program: &mut Program,
        depth: u8,
    ) -> Result<CharStringEnd> {
        if depth > 64 {
            return Err(CFFError);
        }

        let mut r = Reader::new(charstring);

        while let Some(op) = r.read::<u8>() {
            // Numbers. The one- and two-byte forms are already the shortest encoding of their
            // value, so they are copied as they are; a 16-bit integer (28) is written in its
            // shortest form, as compiling the number would.
            match op {
                32..=246 => {
                    let number = Number::from_i32(i32::from(op) - 139);
                    self.stack.push(number)?;
                    program.push_bytes(&[op]);
                    continue;
                }
                247..=254 => {
                    let b1 = r.read::<u8>().ok_or(CFFError)?;
                    let b1i = i32::from(b1);
                    let n = if op <= 250 {
                        (i32::from(op) - 247) * 256 + b1i + 108
                    } else {
                        -(i32::from(op) - 251) * 256 - b1i - 108
                    };
                    self.stack.push(Number::from_i32(n))?;
                    program.push_bytes(&[op, b1]);
                    continue;
                }
                28 | 255 => {
                    let number = if op == 28 {
                        Number::from_i32(i32::from(r.read::<i16>().ok_or(CFFError)?))
                    } else {
                        Number::Fixed(FixedNumber::from_bits(
                            r.read::<i32>().ok_or(CFFError)?,
                        ))
                    };
                    self.stack.push(number)?;
                    program.push_number(number);
                    continue;
                }
                _ => {}
            }

            let operator = if op == 12 {
                Operator::from_two_byte(r.read::<u8>().ok_or(CFFError)?)
            } else {
                Operator::from_one_byte(op)
            };

            match operator {
                HFLEX | FLEX | HFLEX1 | FLEX1 => {
                    self.stack.pop_all();
                    program.push_operator(operator);
                }
                HORIZONTAL_STEM
                | VERTICAL_STEM
                | HORIZONTAL_STEM_HINT_MASK
                | VERTICAL_STEM_HINT_MASK => {
                    self.count_hints();
                    program.push_operator(operator);
                }
                VERTICAL_MOVE_TO | HORIZONTAL_MOVE_TO | LINE_TO | VERTICAL_LINE_TO
                | HORIZONTAL_LINE_TO | MOVE_TO | CURVE_LINE | LINE_CURVE
                | VV_CURVE_TO | VH_CURVE_TO | HH_CURVE_TO | HV_CURVE_TO | CURVE_TO => {
                    self.stack.pop_all();
                    program.push_operator(operator);
                }
                RETURN => return Ok(CharStringEnd::Return),
                CALL_GLOBAL_SUBROUTINE => {
                    // Pop the subroutine index from the program.
                    program.pop();

                    let biased_index =
                        self.stack.pop().and_then(|n| n.as_i32()).ok_or(CFFError)?;
                    let gsubr = self
                        .gsubr_handler
                        .get_with_biased(biased_index)
                        .ok_or(CFFError)?;
                    if matches!(
                        self.decompile_inner(gsubr, program, depth + 1)?,
                        CharStringEnd::EndChar
                    ) {
                        return Ok(CharStringEnd::EndChar);
                    }
                }
                CALL_LOCAL_SUBROUTINE => {
                    // Pop the subroutine index from the program.
                    program.pop();

                    let biased_index =
                        self.stack.pop().and_then(|n| n.as_i32()).ok_or(CFFError)?;
                    let lsubr = self
                        .lsubr_handler
                        .get_with_biased(biased_index)
                        .ok_or(CFFError)?;
                    if matches!(
                        self.decompile_inner(lsubr, program, depth + 1)?,
                        CharStringEnd::EndChar
                    ) {
                        return Ok(CharStringEnd::EndChar);
                    }
                }
                HINT_MASK | COUNTER_MASK => {
                    program.push_operator(operator);
                    if self.hint_mask_bytes == 0 {
                        // Hintmask can contain implicit stems.
                        self.count_hints();
                        self.hint_mask_bytes = self.hint_count.div_ceil(8);
                    }

                    let hint_bytes =
                        r.read_bytes(self.hint_mask_bytes as usize).ok_or(CFFError)?;
                    program.push_bytes(hint_bytes);
                }
                ENDCHAR => {
                    // We don't support seac for now. It's a deprecated feature and Typst for some
                    // reason does not support it anyway.
                    if self.stack.len() >= 4 {
                        return Err(Unimplemented);
                    }

                    program.push_operator(operator);

                    return Ok(CharStringEnd::EndChar);
                }
                _ => {
                    return Err(CFFError);
                }
            }
        }

        Ok(CharStringEnd::Return)
    }

    fn count_hints(&mut self) {
        let elements = self.stack.pop_all();
        self.hint_count += elements as u16 / 2;
    }
}

/// A charstring program being desubroutinized: its compiled bytes (operands in their shortest
/// form, subroutine calls replaced by the subroutines' instructions) and where each instruction
/// starts, so that a call's index operand can be taken off again. Writing the bytes directly,
/// rather than a list of instructions compiled afterwards, halves the cost of subsetting a CJK
/// font; the bytes are the same.
#[derive(Default)]
pub struct Program {
    bytes: Vec<u8>,
    starts: Vec<usize>,
}

impl Program {
    fn clear(&mut self) {
        self.bytes.clear();
        self.starts.clear();
    }

    /// Append an instruction given as its bytes.
    fn push_bytes(&mut self, bytes: &[u8]) {
        self.starts.push(self.bytes.len());
        self.bytes.extend_from_slice(bytes);
    }

    fn push_number(&mut self, number: Number) {
        let mut w = Writer::with_capacity(5);
        w.write(number);
        self.push_bytes(&w.finish());
    }

    fn push_operator(&mut self, operator: Operator) {
        match operator.0 {
            OperatorType::OneByteOperator(b) => self.push_bytes(&b),
            OperatorType::TwoByteOperator(b) => self.push_bytes(&b),
        }
    }

    /// Remove the last instruction.
    fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.bytes.truncate(start);
        }
    }

    /// The compiled program.
    pub fn compile(&self) -> Vec<u8> {
        self.bytes.clone()
    }
}

#[allow(dead_code)]
pub mod operators {
    use crate::cff::operator::Operator;

    pub const HORIZONTAL_STEM: Operator = Operator::from_one_byte(1);
    pub const VERTICAL_STEM: Operator = Operator::from_one_byte(3);
    pub const VERTICAL_MOVE_TO: Operator = Operator::from_one_byte(4);
    pub const LINE_TO: Operator = Operator::from_one_byte(5);
    pub const HORIZONTAL_LINE_TO: Operator = Operator::from_one_byte(6);
    pub const VERTICAL_LINE_TO: Operator = Operator::from_one_byte(7);
    pub const CURVE_TO: Operator = Operator::from_one_byte(8);
    pub const CALL_LOCAL_SUBROUTINE: Operator = Operator::from_one_byte(10);
    pub const RETURN: Operator = Operator::from_one_byte(11);
    pub const ENDCHAR: Operator = Operator::from_one_byte(14);
    pub const HORIZONTAL_STEM_HINT_MASK: Operator = Operator::from_one_byte(18);
    pub const HINT_MASK: Operator = Operator::from_one_byte(19);
    pub const COUNTER_MASK: Operator = Operator::from_one_byte(20);
    pub const MOVE_TO: Operator = Operator::from_one_byte(21);
    pub const HORIZONTAL_MOVE_TO: Operator = Operator::from_one_byte(22);
    pub const VERTICAL_STEM_HINT_MASK: Operator = Operator::from_one_byte(23);
    pub const CURVE_LINE: Operator = Operator::from_one_byte(24);
    pub const LINE_CURVE: Operator = Operator::from_one_byte(25);
    pub const VV_CURVE_TO: Operator = Operator::from_one_byte(26);
    pub const HH_CURVE_TO: Operator = Operator::from_one_byte(27);
    pub const SHORT_INT: Operator = Operator::from_one_byte(28);
    pub const CALL_GLOBAL_SUBROUTINE: Operator = Operator::from_one_byte(29);
    pub const VH_CURVE_TO: Operator = Operator::from_one_byte(30);
    pub const HV_CURVE_TO: Operator = Operator::from_one_byte(31);
    pub const HFLEX: Operator = Operator::from_two_byte(34);
    pub const FLEX: Operator = Operator::from_two_byte(35);
    pub const HFLEX1: Operator = Operator::from_two_byte(36);
    pub const FLEX1: Operator = Operator::from_two_byte(37);
    pub const FIXED_16_16: Operator = Operator::from_one_byte(255);
}
