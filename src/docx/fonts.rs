//! The Word font name of each role: the user's family name, else the official default.

use crate::model::FontChoices;
use crate::style::{FontRole, LATIN_WORD_NAME};

/// One family name per [`FontRole`], as written into `w:rFonts` and `fontTable.xml`.
#[derive(Debug, Clone)]
pub struct Fonts {
    names: [String; FontRole::ALL.len()],
}

impl Fonts {
    /// The user's choices where they are family names. A font *file* (…otf/…ttf/…ttc) is for the
    /// PDF only: a DOCX cannot carry it, so that role falls back to the name government PCs have.
    pub fn new(choices: &FontChoices) -> Fonts {
        let names = FontRole::ALL.map(|role| match choices.get(role) {
            Some(t) if !FontChoices::is_file(&t.text) && !t.text.trim().is_empty() => {
                t.text.trim().to_string()
            }
            _ => role.word_name().to_string(),
        });
        Fonts { names }
    }

    pub fn get(&self, role: FontRole) -> &str {
        let i = FontRole::ALL
            .iter()
            .position(|r| *r == role)
            .expect("ALL lists every role");
        &self.names[i]
    }

    /// The family of a role's ASCII digits and letters when it differs from the role's font:
    /// [`LATIN_WORD_NAME`] for the roles the PDF sets them in a Times-metric serif.
    pub fn latin(&self, role: FontRole) -> Option<&'static str> {
        role.latin().then_some(LATIN_WORD_NAME)
    }

    /// The distinct family names in role order, for the font table.
    pub fn distinct(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for name in &self.names {
            if !out.contains(&name.as_str()) {
                out.push(name);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    #[test]
    fn names_and_files() {
        let choices = FontChoices {
            body: Some(Text::new("方正仿宋_GBK", None)),
            title: Some(Text::new("fonts/NotoSerifSC-Bold.OTF", None)),
            ..FontChoices::default()
        };
        let f = Fonts::new(&choices);
        assert_eq!(f.get(FontRole::Body), "方正仿宋_GBK");
        assert_eq!(f.get(FontRole::Title), "方正小标宋简体");
        assert_eq!(f.get(FontRole::Table), "宋体");
        assert_eq!(
            Fonts::new(&FontChoices::default()).distinct(),
            [
                "方正小标宋简体",
                "仿宋_GB2312",
                "黑体",
                "楷体_GB2312",
                "宋体"
            ]
        );
    }
}
