//! Every kind of TOML syntax error the parser can produce, told in Chinese: no ASCII word of
//! English in any message (issue 10), and none falls back to the generic wording.

use std::collections::BTreeSet;
use std::sync::Arc;

use nianbao::diag::Code;
use nianbao::source::Source;

/// One input per error kind of toml_parser / toml / toml_datetime (their message is in the
/// comment), each as a report's first lines would hold it.
const CASES: &[&str] = &[
    "a = [1 2]\n",                     // missing comma between array elements
    "a = [1,,2]\n",                    // extra comma in array
    "a = [1, 2\n",                     // unclosed array
    "a = { b = 1 c = 2 }\n",           // missing comma between key-value pairs
    "a = { b = 1,, c = 2 }\n",         // extra comma in inline table
    "a = { b = 1\n",                   // unclosed inline table
    "a = { = 1 }\n",                   // missing key for inline table element
    "[a\nb = 1\n",                     // unclosed table
    "[[a]\nb = 1\n",                   // unclosed array table
    "a = 某某\n",                      // string values must be quoted
    "a = \"abc\n",                     // invalid basic string
    "a = 'abc\n",                      // invalid literal string
    "a = \"\"\"abc\n",                 // invalid multi-line basic string
    "a = '''abc\n",                    // invalid multi-line literal string
    "a = \"\\q\"\n",                   // invalid escape
    "a = \"\\u12\"\n",                 // too few unicode value digits
    "a 1\n",                           // missing assignment between key-value pairs
    "a = = 1\n",                       // extra assignment
    "a =\n",                           // missing value
    "a\n",                             // key with no value
    "a b = 1\n",                       // invalid unquoted key
    "a.\"\"\"b\"\"\" = 1\n",           // keys cannot be multi-line basic strings
    "a.'''b''' = 1\n",                 // keys cannot be multi-line literal strings
    ". = 1\n",                         // unquoted keys cannot be empty
    "a = 01\n",                        // unexpected leading zero
    "a = 1_\n",                        // `_` may only go between digits
    "a = 1__2\n",                      // `_` may only go between digits
    "a = -0x1\n",                      // integers with a radix cannot be signed
    "a = 0X1\n",                       // radix must be lowercase
    "a = 0x\n",                        // invalid hexadecimal number
    "a = 0o8\n",                       // invalid octal number
    "a = 0b2\n",                       // invalid binary number
    "a = ++1\n",                       // redundant numeric sign
    "a = 1.\n",                        // invalid fraction
    "a = 1e\n",                        // invalid exponent
    "a = .5\n",                        // invalid float
    "a = tru\n",                       // invalid boolean
    "a = 2025-13-01\n",                // invalid date
    "a = 2025-01-32\n",                // invalid date
    "a = 2025-1-1\n",                  // invalid date
    "a = 2025-01-01T25:00:00\n",       // invalid time
    "a = 2025-01-01T10:61:00\n",       // invalid time
    "a = 2025-01-01T10:00:00+25:00\n", // invalid offset
    "a = 1 2\n",                       // unexpected content
    "a = 1 # x\u{7}\n",                // invalid comment character
    "a = 1\rb = 2\n",                  // carriage return must be followed by newline
    "a = 1\nb = [1, = ]\n",            // unexpected `=` in array
    "a = 1\n= 2\n",                    // unexpected key or value
    "a = 1\na = 2\n",                  // duplicate key
    "[a]\n[a]\n",                      // duplicate key (table)
    "a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n", // recursion
    "a = +\n",           // unexpected sign / invalid value
    "a = $\n",           // invalid value
    "a = \"x\" \"y\"\n", // unexpected content
    "\"a\nb\" = 1\n",    // invalid key
    "[\"a\n]\n",         // invalid table
    "a = {b = 1, }\n",   // trailing comma in inline table
];

/// An ASCII word: two or more letters in a row (`TOML` is the format's name and allowed).
fn english_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && *w != "TOML")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_toml_syntax_error_is_told_in_chinese_with_its_place() {
    let mut messages = BTreeSet::new();
    for case in CASES {
        let source = Arc::new(Source::new("t.toml", *case));
        let diags = nianbao::input::parse(Arc::clone(&source)).unwrap_err();
        let syntax: Vec<_> = diags.iter().filter(|d| d.code == Code::Syntax).collect();
        for d in syntax {
            let words = english_words(&d.message);
            assert!(words.is_empty(), "{case:?}: {} has {words:?}", d.message);
            assert!(
                !d.message.contains("无法识别的写法"),
                "{case:?}: the parser's message is not in the table: {}",
                d.message
            );
            assert!(d.location.is_some(), "{case:?}: {} has no place", d.message);
            messages.insert(d.message.clone());
        }
    }
    // A lone carriage return in a string is not mistaken for a missing comma.
    let source = Arc::new(Source::new("t.toml", "a = \"x\ry\"\n"));
    let diags = nianbao::input::parse(source).unwrap_err();
    assert!(!diags[0].message.contains("逗号"), "{}", diags[0].message);

    // The cases reach many different kinds, not one message over and over.
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{messages:#?}");
    }
    assert!(messages.len() >= 40, "{messages:#?}");
}
