//! The report as one sequence of blocks in reading order — what both renderers walk.

use super::{Body, Report};
use crate::source::Span;
use crate::tables::TableId;
use crate::tables::labels::{PART_HEADINGS, chinese_number};

/// One block of the document, in reading order. Headings carry their generated numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The title, one entry per line the user wrote ([`crate::realize`] breaks a long line).
    Title(Vec<String>),
    /// "一、总体情况" (黑体).
    Heading1(String),
    /// "（一）…" on a line of its own (楷体).
    Heading2 { text: String, span: Option<Span> },
    /// A body paragraph (仿宋), optionally opened by a run-in heading "（一）…。" in 楷体.
    Paragraph {
        lead: Option<String>,
        lead_span: Option<Span>,
        text: String,
        span: Option<Span>,
    },
    /// One of the three fixed tables.
    Table(TableId),
    /// 署名 and 成文日期, set to the right at the end.
    Signature {
        agency: String,
        date: Option<String>,
    },
}

impl Report {
    /// The document in reading order: title, preamble, the six parts with their tables, signature.
    pub fn flow(&self) -> Vec<Block> {
        let title = self.title_lines().into_iter().map(String::from).collect();
        let mut out = vec![Block::Title(title)];
        push_paragraphs(&mut out, self.preamble());
        let parts: [(&Body, Option<TableId>); 6] = [
            (self.part1(), None),
            (self.part2_text(), Some(TableId::Part2)),
            (self.part3_text(), Some(TableId::Part3)),
            (self.part4_text(), Some(TableId::Part4)),
            (self.part5(), None),
            (self.part6(), None),
        ];
        for (heading, (body, table)) in PART_HEADINGS.iter().zip(parts) {
            out.push(Block::Heading1((*heading).to_string()));
            if let Some(t) = table {
                out.push(Block::Table(t));
            }
            push_body(&mut out, body);
        }
        if let Some(sig) = &self.signature() {
            out.push(Block::Signature {
                agency: sig.text.clone(),
                date: self.date().map(|d| d.chinese()),
            });
        }
        out
    }
}

fn push_paragraphs(out: &mut Vec<Block>, paragraphs: &[super::Text]) {
    out.extend(paragraphs.iter().map(|p| Block::Paragraph {
        lead: None,
        lead_span: None,
        text: p.text.clone(),
        span: p.span.clone(),
    }));
}

fn push_body(out: &mut Vec<Block>, body: &Body) {
    push_paragraphs(out, &body.paragraphs);
    for (i, section) in body.sections.iter().enumerate() {
        let head = format!("（{}）{}", chinese_number(i + 1), section.title.text);
        let mut paragraphs = section.paragraphs.iter();
        if section.standalone {
            out.push(Block::Heading2 {
                text: head,
                span: section.title.span.clone(),
            });
        } else {
            let first = paragraphs.next();
            out.push(Block::Paragraph {
                lead: Some(head),
                lead_span: section.title.span.clone(),
                text: first.map(|p| p.text.clone()).unwrap_or_default(),
                span: first.and_then(|p| p.span.clone()),
            });
        }
        push_paragraphs(out, paragraphs.as_slice());
    }
}
