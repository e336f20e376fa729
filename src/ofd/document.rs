//! `Doc_0/Document.xml` (GB/T 33190 7.5: CommonData, Pages, Outlines) and `Doc_0/PublicRes.xml`
//! (7.9, the fonts).

use quick_xml::events::BytesText;

use super::fonts::Embedded;
use super::page::{PageXml, physical_box};
use super::xml::{self, NS, Xml};
use super::{mm, num};
use crate::layout::{Element, ElementKind, Item, Layout, Node, Tag};

/// Document.xml: CommonData (MaxUnitID, the A4 PageArea, PublicRes), the pages in order, and one
/// outline entry per part heading, opening its page at the heading.
pub fn write(layout: &Layout, pages: &[PageXml], max_id: u32) -> Vec<u8> {
    let outlines = outlines(layout);
    xml::part(|w| {
        w.create_element("ofd:Document")
            .with_attribute(("xmlns:ofd", NS))
            .write_inner_content(|w| {
                w.create_element("ofd:CommonData")
                    .write_inner_content(|w| {
                        text(w, "ofd:MaxUnitID", &max_id.to_string())?;
                        w.create_element("ofd:PageArea")
                            .write_inner_content(|w| text(w, "ofd:PhysicalBox", &physical_box()))?;
                        text(w, "ofd:PublicRes", "PublicRes.xml")
                    })?;
                w.create_element("ofd:Pages").write_inner_content(|w| {
                    for (n, p) in pages.iter().enumerate() {
                        w.create_element("ofd:Page")
                            .with_attributes([
                                ("ID", p.id.to_string().as_str()),
                                ("BaseLoc", format!("Pages/Page_{n}/Content.xml").as_str()),
                            ])
                            .write_empty()?;
                    }
                    Ok(())
                })?;
                if !outlines.is_empty() {
                    w.create_element("ofd:Outlines").write_inner_content(|w| {
                        for o in &outlines {
                            outline(w, o, pages)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })
            .map(|_| ())
    })
}

/// PublicRes.xml: one Font per embedded face, its file in `Res/`.
pub fn public_res(fonts: &[Option<Embedded>], ids: &[Option<u32>]) -> Vec<u8> {
    xml::part(|w| {
        w.create_element("ofd:Res")
            .with_attributes([("xmlns:ofd", NS), ("BaseLoc", "Res")])
            .write_inner_content(|w| {
                w.create_element("ofd:Fonts").write_inner_content(|w| {
                    for (font, id) in fonts.iter().zip(ids) {
                        let (Some(font), Some(id)) = (font, id) else {
                            continue;
                        };
                        w.create_element("ofd:Font")
                            .with_attributes([
                                ("ID", id.to_string().as_str()),
                                ("FontName", font.name.as_str()),
                                ("FamilyName", font.name.as_str()),
                            ])
                            .write_inner_content(|w| text(w, "ofd:FontFile", &font.file.name))?;
                    }
                    Ok(())
                })?;
                Ok(())
            })
            .map(|_| ())
    })
}

/// A part heading: its text, and where its first line is drawn.
struct Outline {
    title: String,
    page: usize,
    /// Top of the heading's first line, in points.
    top: f32,
}

/// The H1 headings (the six parts) in reading order.
fn outlines(layout: &Layout) -> Vec<Outline> {
    // Content id → (page, run) of every tagged run.
    let mut runs = Vec::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(run) = item
                && let Tag::Content(id) = run.tag
            {
                if runs.len() <= id {
                    runs.resize(id + 1, None);
                }
                runs[id] = Some((p, run));
            }
        }
    }
    let mut out = Vec::new();
    for element in &layout.structure {
        if element.kind != ElementKind::H1 {
            continue;
        }
        let mut ids = Vec::new();
        content_ids(element, &mut ids);
        let drawn: Vec<_> = ids
            .iter()
            .filter_map(|&id| runs.get(id).copied().flatten())
            .collect();
        let Some(&(page, first)) = drawn.first() else {
            continue;
        };
        out.push(Outline {
            title: drawn.iter().map(|(_, r)| r.text.as_str()).collect(),
            page,
            top: first.origin.y.0 - first.size.0,
        });
    }
    out
}

fn content_ids(element: &Element, out: &mut Vec<usize>) {
    for child in &element.children {
        match child {
            Node::Element(e) => content_ids(e, out),
            Node::Content(id) => out.push(*id),
        }
    }
}

/// An OutlineElem whose click goes to the heading (Dest type XYZ: page, left, top).
fn outline(w: &mut Xml, o: &Outline, pages: &[PageXml]) -> std::io::Result<()> {
    let Some(page) = pages.get(o.page) else {
        return Ok(());
    };
    w.create_element("ofd:OutlineElem")
        .with_attribute(("Title", o.title.as_str()))
        .write_inner_content(|w| {
            w.create_element("ofd:Actions").write_inner_content(|w| {
                w.create_element("ofd:Action")
                    .with_attribute(("Event", "CLICK"))
                    .write_inner_content(|w| {
                        w.create_element("ofd:Goto").write_inner_content(|w| {
                            w.create_element("ofd:Dest")
                                .with_attributes([
                                    ("Type", "XYZ"),
                                    ("PageID", page.id.to_string().as_str()),
                                    ("Left", "0"),
                                    ("Top", num(mm(o.top.max(0.0))).as_str()),
                                ])
                                .write_empty()
                                .map(|_| ())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn text(w: &mut Xml, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .map(|_| ())
}
