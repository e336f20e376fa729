//! One page's `Content.xml` (GB/T 33190 7.7, 11, 9): a layer holding a TextObject per glyph run
//! and a PathObject per rule, at the layout's positions converted to millimetres.

use quick_xml::events::BytesText;

use super::fonts::Embedded;
use super::xml::{self, NS, Xml};
use super::{Ids, mm, num};
use crate::layout::{GlyphRun, Item, Page, Rule};
use crate::style::GBT9704;

/// A written page and the ID Document.xml lists it under.
pub struct PageXml {
    pub id: u32,
    pub xml: Vec<u8>,
}

/// The A4 page box in millimetres, "0 0 210 297".
pub fn physical_box() -> String {
    format!(
        "0 0 {} {}",
        num(f64::from(GBT9704.width.0)),
        num(f64::from(GBT9704.height.0))
    )
}

/// Writes a page; `fonts[face]` and `font_ids[face]` are each face's subset and PublicRes ID.
pub fn write(
    page: &Page,
    fonts: &[Option<Embedded>],
    font_ids: &[Option<u32>],
    ids: &mut Ids,
) -> PageXml {
    let id = ids.next();
    let layer = ids.next();
    let xml = xml::part(|w| {
        w.create_element("ofd:Page")
            .with_attribute(("xmlns:ofd", NS))
            .write_inner_content(|w| {
                w.create_element("ofd:Area").write_inner_content(|w| {
                    w.create_element("ofd:PhysicalBox")
                        .write_text_content(BytesText::new(&physical_box()))
                        .map(|_| ())
                })?;
                w.create_element("ofd:Content").write_inner_content(|w| {
                    w.create_element("ofd:Layer")
                        .with_attribute(("ID", layer.to_string().as_str()))
                        .write_inner_content(|w| {
                            for item in &page.items {
                                match item {
                                    Item::Text(run) => {
                                        let (Some(Some(font)), Some(Some(id))) =
                                            (fonts.get(run.face), font_ids.get(run.face))
                                        else {
                                            continue;
                                        };
                                        text_object(w, run, font, *id, ids.next())?;
                                    }
                                    Item::Rule(rule) => path_object(w, rule, ids.next())?,
                                }
                            }
                            Ok(())
                        })?;
                    Ok(())
                })?;
                Ok(())
            })
            .map(|_| ())
    });
    PageXml { id, xml }
}

/// A glyph run as one TextObject and one TextCode. The Boundary is the run's box (pen start minus
/// any left shift, one em above the baseline to a quarter em below, the advances plus one em);
/// TextCode X/Y are relative to it. Each glyph is drawn at its pen position less its left shift;
/// DeltaX holds the differences of those positions rounded to 1 µm, so that rounding never adds up
/// along a line. A glyph other than the one the font's cmap gives for its character gets a
/// CGTransform (GB/T 33190 11.4).
fn text_object(
    w: &mut Xml,
    run: &GlyphRun,
    font: &Embedded,
    font_id: u32,
    id: u32,
) -> std::io::Result<()> {
    let size = run.size.0;
    let first_shift = run.glyphs.first().map_or(0.0, |g| g.shift.0);
    let left = run.origin.x.0 - first_shift;
    let top = run.origin.y.0 - size;
    let boundary = [left, top, run.width().0 + size, size * 1.25]
        .map(|v| num(mm(v)))
        .join(" ");
    let mut text = String::with_capacity(run.text.len());
    let mut positions = Vec::with_capacity(run.glyphs.len());
    let mut transforms = Vec::new();
    let mut pen = run.origin.x.0;
    for g in &run.glyphs {
        let Some(cluster) = run.text.get(g.text.clone()) else {
            continue;
        };
        if let Some(ch) = cluster.chars().next()
            && let Some(glyph) = font.transform(ch, g.id)
        {
            transforms.push((text.chars().count(), glyph));
        }
        text.push_str(cluster);
        // Micrometres from the Boundary's left edge.
        positions.push((mm(pen - g.shift.0 - left) * 1000.0).round() as i64);
        pen += g.advance.0;
    }
    let deltas: Vec<String> = positions
        .windows(2)
        .map(|p| num((p[1] - p[0]) as f64 / 1000.0))
        .collect();
    let x = num(positions.first().map_or(0.0, |&p| p as f64 / 1000.0));
    let y = num(mm(size));
    let deltas = deltas.join(" ");
    w.create_element("ofd:TextObject")
        .with_attributes([
            ("ID", id.to_string().as_str()),
            ("Boundary", boundary.as_str()),
            ("Font", font_id.to_string().as_str()),
            ("Size", num(mm(size)).as_str()),
        ])
        .write_inner_content(|w| {
            for (at, glyph) in &transforms {
                w.create_element("ofd:CGTransform")
                    .with_attributes([
                        ("CodePosition", at.to_string().as_str()),
                        ("CodeCount", "1"),
                        ("GlyphCount", "1"),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("ofd:Glyphs")
                            .write_text_content(BytesText::new(&glyph.to_string()))
                            .map(|_| ())
                    })?;
            }
            let mut code = w
                .create_element("ofd:TextCode")
                .with_attributes([("X", x.as_str()), ("Y", y.as_str())]);
            if !deltas.is_empty() {
                code = code.with_attribute(("DeltaX", deltas.as_str()));
            }
            code.write_text_content(BytesText::new(&text)).map(|_| ())
        })?;
    Ok(())
}

/// A rule as a stroked PathObject: Boundary the line's box grown by half the line width on every
/// side, the path relative to it.
fn path_object(w: &mut Xml, rule: &Rule, id: u32) -> std::io::Result<()> {
    let half = rule.width.0 / 2.0;
    let (x0, y0) = (
        rule.from.x.0.min(rule.to.x.0),
        rule.from.y.0.min(rule.to.y.0),
    );
    let (x1, y1) = (
        rule.from.x.0.max(rule.to.x.0),
        rule.from.y.0.max(rule.to.y.0),
    );
    let (left, top) = (x0 - half, y0 - half);
    let boundary = [left, top, x1 - x0 + 2.0 * half, y1 - y0 + 2.0 * half]
        .map(|v| num(mm(v)))
        .join(" ");
    let p = |x: f32, y: f32| format!("{} {}", num(mm(x - left)), num(mm(y - top)));
    let data = format!(
        "M {} L {}",
        p(rule.from.x.0, rule.from.y.0),
        p(rule.to.x.0, rule.to.y.0)
    );
    w.create_element("ofd:PathObject")
        .with_attributes([
            ("ID", id.to_string().as_str()),
            ("Boundary", boundary.as_str()),
            ("LineWidth", num(mm(rule.width.0)).as_str()),
        ])
        .write_inner_content(|w| {
            w.create_element("ofd:AbbreviatedData")
                .write_text_content(BytesText::new(&data))
                .map(|_| ())
        })?;
    Ok(())
}
