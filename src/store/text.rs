//! Cutting stretches out of a stored body by character offsets. The ledger
//! counts offsets in Unicode scalar values; finding the byte where the n-th
//! character starts means counting from the start, so cutting every claim
//! of a long article that way is quadratic. An index of where each
//! character starts, built once per body, makes each cut constant time.

/// A text with the byte offset of every character.
pub struct CharIndex<'t> {
    text: &'t str,
    /// Where character `i` starts, for every `i` up to and including the
    /// length (which maps to the end of the text). `u32`: a SQLite text is
    /// at most a billion bytes.
    starts: Vec<u32>,
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let mut starts: Vec<u32> = Vec::with_capacity(text.len() + 1);
        starts.extend(text.char_indices().map(|(i, _)| i as u32));
        starts.push(text.len() as u32);
        CharIndex { text, starts }
    }

    /// Characters `start..end`, clamped to the text: a stored offset out of
    /// range (a ledger edited by hand) gives what there is, as SQLite's
    /// `substr` does.
    pub fn slice(&self, start: i64, end: i64) -> &'t str {
        let last = self.starts.len() - 1;
        let at = |offset: i64| offset.clamp(0, last as i64) as usize;
        let (from, to) = (at(start), at(end));
        if from >= to {
            return "";
        }
        &self.text[self.starts[from] as usize..self.starts[to] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::CharIndex;

    #[test]
    fn offsets_count_characters_and_stay_inside_the_text() {
        let index = CharIndex::new("“Ça va,” said Zoë.");
        assert_eq!(index.slice(1, 7), "Ça va,");
        assert_eq!(index.slice(14, 17), "Zoë");
        assert_eq!(index.slice(14, 999), "Zoë.");
        assert_eq!(index.slice(-3, 2), "“Ç");
        assert_eq!(index.slice(5, 2), "");
        assert_eq!(CharIndex::new("").slice(0, 1), "");
    }
}
