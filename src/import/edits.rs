//! Edits of the TOML the writer produced: the import's comments at the keys they concern, a blank
//! 总计 left out, and keys the writer has no field for (standalone titles, prose after a table).

/// One change to the written TOML, addressed by table and key.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A comment line just above `key` in `[table]`.
    Comment {
        table: String,
        key: String,
        text: String,
    },
    /// The last number of the array at `key` left out (a 总计 the tool computes).
    DropTotal { table: String, key: String },
    /// A line after `key` in the `nth` `[[table]]` (0-based).
    After {
        table: String,
        nth: usize,
        key: String,
        line: String,
    },
    /// Lines at the end of `[table]`.
    Append { table: String, lines: Vec<String> },
}

/// Whether two value texts hold the same numbers: "8.3620" is "8.362", and an array that leaves
/// out its 总计 is the one that has it when it is the sum of the others.
pub fn same_numbers(old: &str, new: &str) -> bool {
    let numbers = |t: &str| -> Option<Vec<f64>> {
        t.trim_matches(|c| c == '[' || c == ']' || c == ' ')
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().ok())
            .collect()
    };
    let (Some(a), Some(b)) = (numbers(old), numbers(new)) else {
        return false;
    };
    let close = |x: &[f64], y: &[f64]| x.iter().zip(y).all(|(p, q)| (p - q).abs() < 1e-9);
    match b.len().checked_sub(a.len()) {
        Some(0) => close(&a, &b),
        Some(1) if old.contains('[') => {
            let total: f64 = a.iter().sum();
            close(&a, &b) && (b[a.len()] - total).abs() < 1e-9
        }
        _ => false,
    }
}

/// Applies edits to TOML text written by [`crate::write::Draft::to_toml`].
pub fn apply(toml: &str, edits: &[Edit]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut table = String::new();
    let mut nth: std::collections::HashMap<String, usize> = Default::default();
    let mut in_string = false;
    let append = |out: &mut Vec<String>, table: &str| {
        let lines: Vec<&String> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::Append { table: t, lines } if t == table => Some(lines),
                _ => None,
            })
            .flatten()
            .collect();
        if lines.is_empty() {
            return;
        }
        let blanks = out.iter().rev().take_while(|l| l.is_empty()).count();
        out.truncate(out.len() - blanks);
        out.extend(lines.into_iter().cloned());
        out.extend(std::iter::repeat_n(String::new(), blanks));
    };
    for line in toml.lines() {
        if in_string {
            in_string = line.matches("\"\"\"").count() % 2 == 0;
            out.push(line.to_string());
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('[') {
            append(&mut out, &table);
            let array = rest.starts_with('[');
            let name = rest.trim_start_matches('[');
            let name = name[..name.find(']').unwrap_or(name.len())]
                .trim()
                .to_string();
            if array {
                *nth.entry(name.clone()).or_insert(0) += 1;
            }
            table = name;
            out.push(line.to_string());
            continue;
        }
        let key = trimmed
            .split(['=', ' '])
            .next()
            .filter(|k| !k.is_empty() && !trimmed.starts_with('#') && trimmed.contains('='));
        let Some(key) = key else {
            out.push(line.to_string());
            continue;
        };
        let mut seen: Vec<&str> = Vec::new();
        for e in edits {
            if let Edit::Comment {
                table: t,
                key: k,
                text,
            } = e
                && *t == table
                && k == key
                && !seen.contains(&text.as_str())
            {
                seen.push(text);
                out.push(format!("# {text}"));
            }
        }
        let drop = edits
            .iter()
            .any(|e| matches!(e, Edit::DropTotal { table: t, key: k } if *t == table && k == key));
        out.push(if drop {
            drop_last(line)
        } else {
            line.to_string()
        });
        in_string = line.matches("\"\"\"").count() % 2 == 1;
        let index = nth.get(&table).map_or(0, |n| n.saturating_sub(1));
        for e in edits {
            if let Edit::After {
                table: t,
                nth: n,
                key: k,
                line,
            } = e
                && *t == table
                && *n == index
                && k == key
            {
                out.push(line.clone());
            }
        }
    }
    append(&mut out, &table);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// "key = [1, 2, 3]    # c" → "key = [1, 2]    # c".
fn drop_last(line: &str) -> String {
    match (line.find('['), line.find(']')) {
        (Some(a), Some(b)) if a < b => {
            let inner = &line[a + 1..b];
            let kept = inner.rsplit_once(',').map_or("", |(k, _)| k);
            format!("{}[{kept}]{}", &line[..a], &line[b + 1..])
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_compared_as_numbers() {
        assert!(same_numbers("8.3620", "8.362"));
        assert!(same_numbers("[1, 0, 0, 1]", "[1, 0, 0, 1, 2]"));
        assert!(!same_numbers("[1, 0, 0, 1]", "[1, 0, 0, 1, 3]"));
        assert!(!same_numbers("[1, 0, 0, 1, 2]", "[1, 0, 0, 1]"));
        assert!(!same_numbers("5", "6"));
    }

    #[test]
    fn edits_land_at_their_keys() {
        let toml = "a = 1\n\n[part3]    # x\nnew = [1, 2, 3]    # n\ntext = \"\"\"\nnew = 5\n\"\"\"\n\n[[part5.sections]]\ntitle = \"t\"\n\n[[part5.sections]]\ntitle = \"u\"\n";
        let edits = vec![
            Edit::Comment {
                table: "part3".into(),
                key: "new".into(),
                text: "c".into(),
            },
            Edit::DropTotal {
                table: "part3".into(),
                key: "new".into(),
            },
            Edit::After {
                table: "part5.sections".into(),
                nth: 1,
                key: "title".into(),
                line: "standalone = true".into(),
            },
            Edit::Append {
                table: "part3".into(),
                lines: vec!["z = 1".into()],
            },
        ];
        assert_eq!(
            apply(toml, &edits),
            "a = 1\n\n[part3]    # x\n# c\nnew = [1, 2]    # n\ntext = \"\"\"\nnew = 5\n\"\"\"\nz = 1\n\n[[part5.sections]]\ntitle = \"t\"\n\n[[part5.sections]]\ntitle = \"u\"\nstandalone = true\n"
        );
    }
}
