//! Which mentions cite one document, without comparing every mention with every other.
//!
//! Two mentions are linked when [`Key::same_document`] holds; a document is a connected
//! group of links. Comparing all pairs made thousands of `van_ban` entries quadratic
//! (4 000 entries: 41 s in a debug build). A link needs the same type and symbol and
//! one of three things, so mentions are bucketed by each and linked inside a bucket:
//!
//! 1. the same number, with issuers that agree or the same date;
//! 2. the same subject, with issuers that agree;
//! 3. the same full date, two known issuers that agree, subjects that do not differ.
//!
//! (A link between two mentions of one number is always of kind 1: kinds 2 and 3 imply
//! its condition, so the buckets need not ask whether numbers differ.)
//!
//! Issuers agree when one is a word-prefix of the other ([`mentions::same_normalized_issuer`]),
//! a relation that is not transitive ("UBND tỉnh" agrees with "UBND tỉnh An Giang" and
//! with "UBND tỉnh Bình Định", which disagree). Inside a bucket the groups are still
//! found without pairs: a mention of unknown issuer agrees with all; otherwise every
//! issuer joins the shortest issuer of the bucket that is a word-prefix of it, and two
//! issuers agree exactly when they share that shortest prefix. Subjects "do not differ"
//! when one starts with the other (or one is unknown): the subjects of an issuer are
//! sorted, so the ones starting with a given subject are one run, and the ones it starts
//! with are found from its sorted predecessor. The work is a few hash look-ups and
//! binary searches per mention and issuer word: linear in the number of mentions, up to
//! a logarithm. The pairwise reference in the tests holds the two to the same groups.

use std::collections::HashMap;

use crate::check::mentions::{self, Mention};
use crate::numbering::PlanDate;
use crate::plan::DocKind;

/// A mention reduced for comparison.
pub(super) struct Key {
    kind: Option<DocKind>,
    symbol: String,
    number: String,
    date: Option<PlanDate>,
    issuer: Option<String>,
    subject: Option<String>,
    tail: Option<String>,
}

impl Key {
    pub(super) fn of(m: &Mention) -> Key {
        Key {
            kind: m.kind,
            // "27/CTTg" and "27/CT-TTg" name one document: a dash left out is the
            // symbol's own slip (KH-CITE-SYMBOL), not another document.
            symbol: mentions::normalize_symbol(&m.symbol).replace('-', ""),
            number: m.number.trim_start_matches('0').to_owned(),
            date: m.date,
            issuer: m.issuer.as_deref().map(mentions::normalize),
            subject: m.subject.as_deref().map(mentions::normalize),
            tail: m.tail.clone(),
        }
    }

    /// Same type and symbol, and: the same number from a compatible issuer; or a
    /// different number with the same full date and issuer, or the same subject.
    /// The definition [`link`] computes the groups of; called only by the tests'
    /// pairwise reference.
    #[cfg(test)]
    pub(super) fn same_document(&self, o: &Key) -> bool {
        if self.kind != o.kind || self.symbol != o.symbol {
            return false;
        }
        let issuers_agree = match (&self.issuer, &o.issuer) {
            (Some(a), Some(b)) => mentions::same_normalized_issuer(a, b),
            _ => true,
        };
        if self.number == o.number {
            return issuers_agree || (self.date.is_some() && self.date == o.date);
        }
        let full_date = self.date.is_some_and(|d| d.day.is_some()) && self.date == o.date;
        let both_issuers = self.issuer.is_some() && o.issuer.is_some() && issuers_agree;
        let subject = self.subject.is_some() && self.subject == o.subject;
        // Two circulars of one ministry signed the same day (01/2021/TT-BYT and
        // 02/2021/TT-BYT) are two documents when their subjects differ.
        let subjects_differ = match (self.about(), o.about()) {
            (Some(a), Some(b)) => !a.starts_with(b) && !b.starts_with(a),
            _ => false,
        };
        (full_date && both_issuers && !subjects_differ) || (subject && issuers_agree)
    }

    /// What tells two documents of one issuer and date apart: the subject, else the tail.
    fn about(&self) -> Option<&str> {
        self.subject.as_deref().or(self.tail.as_deref())
    }
}

/// A date as a hash key (`PlanDate` is not `Hash`).
type Day = (i32, Option<u32>, Option<u32>);

fn day(d: PlanDate) -> Day {
    (d.year, d.month, d.day)
}

/// Union-find over mention indexes; a group's root is its first mention. `work`
/// counts the elementary steps (unions, look-ups, string comparisons), for the test
/// that bounds them.
pub(super) struct Links {
    parent: Vec<usize>,
    pub(super) work: usize,
}

impl Links {
    fn new(n: usize) -> Links {
        Links {
            parent: (0..n).collect(),
            work: 0,
        }
    }

    pub(super) fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        self.work += 1;
        let (a, b) = (self.root(a), self.root(b));
        self.parent[a.max(b)] = a.min(b);
    }
}

/// The links between `keys`, as groups of one document each.
pub(super) fn link(keys: &[Key]) -> Links {
    let mut links = Links::new(keys.len());
    type Bucket<'k, T> = HashMap<(Option<DocKind>, &'k str, T), Vec<usize>>;
    let mut by_number: Bucket<&str> = HashMap::new();
    let mut by_subject: Bucket<&str> = HashMap::new();
    let mut by_day: Bucket<Day> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let head = (k.kind, k.symbol.as_str());
        by_number
            .entry((head.0, head.1, k.number.as_str()))
            .or_default()
            .push(i);
        if let Some(s) = &k.subject {
            by_subject
                .entry((head.0, head.1, s.as_str()))
                .or_default()
                .push(i);
        }
        let full = k.date.filter(|d| d.day.is_some());
        let known_issuer = k.issuer.as_deref().is_some_and(|s| !s.is_empty());
        if let (Some(d), true) = (full, known_issuer) {
            by_day.entry((head.0, head.1, day(d))).or_default().push(i);
        }
        links.work += 3;
    }
    for bucket in by_number.values() {
        let mut dated: HashMap<Day, usize> = HashMap::new();
        for &i in bucket {
            if let Some(d) = keys[i].date {
                links.work += 1;
                let first = *dated.entry(day(d)).or_insert(i);
                links.join(first, i);
            }
        }
        agreeing_issuers(keys, bucket, &mut links);
    }
    for bucket in by_subject.values() {
        agreeing_issuers(keys, bucket, &mut links);
    }
    for bucket in by_day.values() {
        same_day(keys, bucket, &mut links);
    }
    links
}

/// The word-prefixes of a normalised issuer ("ubnd", "ubnd tỉnh", "ubnd tỉnh an giang"),
/// shortest first, the issuer itself last.
fn word_prefixes(issuer: &str) -> impl Iterator<Item = &str> {
    issuer
        .match_indices(' ')
        .map(|(at, _)| &issuer[..at])
        .chain(std::iter::once(issuer))
}

/// Links every two mentions of `bucket` whose issuers agree.
fn agreeing_issuers(keys: &[Key], bucket: &[usize], links: &mut Links) {
    // An unknown issuer agrees with every other.
    if let Some(&any) = bucket.iter().find(|&&i| keys[i].issuer.is_none()) {
        for &i in bucket {
            links.join(any, i);
        }
        return;
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for &i in bucket {
        if let Some(s) = keys[i].issuer.as_deref().filter(|s| !s.is_empty()) {
            first.entry(s).or_insert(i);
        }
    }
    // An empty issuer agrees with none; every other joins the shortest issuer of the
    // bucket it extends (possibly itself).
    for &i in bucket {
        let Some(s) = keys[i].issuer.as_deref().filter(|s| !s.is_empty()) else {
            continue;
        };
        for p in word_prefixes(s) {
            links.work += 1;
            if let Some(&j) = first.get(p) {
                links.join(j, i);
                break;
            }
        }
    }
}

/// The mentions of one issuer in a same-day bucket, by subject.
struct Issuer {
    /// Mentions with a subject (or tail), sorted by it.
    sorted: Vec<usize>,
    /// For each place in `sorted`, the place of the shortest subject of this issuer
    /// that its own subject starts with.
    top: Vec<usize>,
    /// Interval links: `next[p] == p + 1` once places `p` and `p + 1` are in one group.
    next: Vec<usize>,
    /// Mentions with neither subject nor tail: they differ from none.
    unknown: Vec<usize>,
}

impl Issuer {
    /// The first place from `p` on not yet in one group with the place after it.
    fn end_of_run(&mut self, p: usize) -> usize {
        let mut r = p;
        while self.next[r] != r {
            r = self.next[r];
        }
        let mut q = p;
        while self.next[q] != q {
            let n = self.next[q];
            self.next[q] = r;
            q = n;
        }
        r
    }

    /// Joins `m` with every mention at places `lo..hi`.
    fn join_run(&mut self, m: usize, lo: usize, hi: usize, links: &mut Links) {
        if lo >= hi {
            return;
        }
        links.join(m, self.sorted[lo]);
        let mut p = self.end_of_run(lo);
        while p + 1 < hi {
            links.join(self.sorted[p], self.sorted[p + 1]);
            self.next[p] = p + 1;
            p = self.end_of_run(p + 1);
        }
    }
}

/// Links two mentions of one full date (all with known, non-empty issuers) when their
/// issuers agree and their subjects do not differ.
fn same_day(keys: &[Key], bucket: &[usize], links: &mut Links) {
    let about = |i: usize| keys[i].about().unwrap_or_default();
    let mut issuers: HashMap<&str, Issuer> = HashMap::new();
    for &i in bucket {
        let s = keys[i].issuer.as_deref().unwrap_or_default();
        let e = issuers.entry(s).or_insert_with(|| Issuer {
            sorted: Vec::new(),
            top: Vec::new(),
            next: Vec::new(),
            unknown: Vec::new(),
        });
        match keys[i].about() {
            Some(_) => e.sorted.push(i),
            None => e.unknown.push(i),
        }
    }
    for g in issuers.values_mut() {
        g.sorted.sort_by(|&a, &b| about(a).cmp(about(b)));
        links.work += g.sorted.len() * (usize::BITS - g.sorted.len().leading_zeros()) as usize;
        // The subjects a subject starts with come before it, each one starting with
        // the one below it on the stack.
        let mut stack: Vec<usize> = Vec::new();
        for p in 0..g.sorted.len() {
            let s = about(g.sorted[p]);
            while stack.last().is_some_and(|&q| {
                links.work += 1;
                !s.starts_with(about(g.sorted[q]))
            }) {
                stack.pop();
            }
            g.top.push(stack.first().copied().unwrap_or(p));
            stack.push(p);
        }
        g.next = (0..g.sorted.len()).collect();
    }
    for &i in bucket {
        let issuer = keys[i].issuer.as_deref().unwrap_or_default();
        let mine = keys[i].about();
        // An issuer agrees with the ones it extends; the ones that extend it find it
        // from their side.
        for p in word_prefixes(issuer) {
            links.work += 1;
            let Some(g) = issuers.get_mut(p) else {
                continue;
            };
            if let Some(&u) = g.unknown.first() {
                links.join(i, u);
            }
            let Some(s) = mine else {
                let n = g.sorted.len();
                g.join_run(i, 0, n, links);
                continue;
            };
            links.work += 2 * (usize::BITS - g.sorted.len().leading_zeros()) as usize;
            // The subjects of this issuer that `s` starts with: if any, the shortest
            // one is the top of its sorted predecessor's.
            let below = g.sorted.partition_point(|&j| about(j) <= s);
            if below > 0 {
                let top = g.sorted[g.top[below - 1]];
                if s.starts_with(about(top)) {
                    links.join(i, top);
                }
            }
            // The subjects that start with `s`: one run from its place on.
            let lo = g.sorted.partition_point(|&j| about(j) < s);
            let hi = lo + g.sorted[lo..].partition_point(|&j| about(j).starts_with(s));
            g.join_run(i, lo, hi, links);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Loc;
    use proptest::prelude::*;

    /// The groups as the rule had them: every pair compared.
    fn pairwise(keys: &[Key]) -> Vec<usize> {
        let mut links = Links::new(keys.len());
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if keys[i].same_document(&keys[j]) {
                    links.join(i, j);
                }
            }
        }
        (0..keys.len()).map(|i| links.root(i)).collect()
    }

    fn grouped(keys: &[Key]) -> Vec<usize> {
        let mut links = link(keys);
        (0..keys.len()).map(|i| links.root(i)).collect()
    }

    fn mention(
        kind: u8,
        number: &str,
        symbol: &str,
        date: Option<PlanDate>,
        issuer: Option<&str>,
        subject: Option<&str>,
        tail: Option<&str>,
    ) -> Mention {
        Mention {
            entry: None,
            kind: [None, Some(DocKind::KeHoach), Some(DocKind::QuyetDinh)][kind as usize % 3],
            number: number.to_owned(),
            symbol: symbol.to_owned(),
            date,
            date_unreadable: false,
            issuer: issuer.map(str::to_owned),
            subject: subject.map(str::to_owned),
            tail: tail.map(str::to_owned),
            at: Loc::UNKNOWN,
            number_at: Loc::UNKNOWN,
            symbol_at: Loc::UNKNOWN,
            date_at: Loc::UNKNOWN,
            issuer_at: Loc::UNKNOWN,
            key: "noi_dung",
            party: false,
            stray_space: None,
            qualified: false,
        }
    }

    /// Few values of each field, so that random mentions often agree, extend each
    /// other or conflict: issuers that are word-prefixes of others, an empty one,
    /// subjects that start with others, partial dates, numbers with leading zeros.
    fn arb_mention() -> impl Strategy<Value = Mention> {
        let issuers = prop::sample::select(vec![
            "UBND tỉnh",
            "UBND tỉnh An Giang",
            "Ủy ban nhân dân tỉnh An Giang",
            "UBND tỉnh Bình Định",
            "UBND",
            "Bộ Tài chính",
            " ",
            "UBND tỉnh An",
        ]);
        let subjects = prop::sample::select(vec![
            "về cải cách",
            "về cải cách hành chính",
            "về cải cách hành chính năm 2026",
            "về chuyển đổi số",
            "",
        ]);
        let dates = prop::sample::select(vec![
            PlanDate {
                year: 2025,
                month: Some(3),
                day: Some(1),
            },
            PlanDate {
                year: 2025,
                month: Some(3),
                day: None,
            },
            PlanDate {
                year: 2025,
                month: Some(4),
                day: Some(2),
            },
        ]);
        (
            0u8..3,
            prop::sample::select(vec!["12", "012", "13", "7"]),
            prop::sample::select(vec!["KH-UBND", "KHUBND", "QĐ-UBND"]),
            prop::option::of(dates),
            prop::option::weighted(0.8, issuers),
            prop::option::of(subjects),
            prop::option::of(prop::sample::select(vec![
                "quy định",
                "quy định mức",
                "ban hành",
            ])),
        )
            .prop_map(|(k, n, s, d, i, sub, t)| mention(k, n, s, d, i, sub, t))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The buckets find the groups every pair would, and so the same findings.
        #[test]
        fn the_buckets_group_as_every_pair_would(ms in prop::collection::vec(arb_mention(), 0..24)) {
            let keys: Vec<Key> = ms.iter().map(Key::of).collect();
            prop_assert_eq!(grouped(&keys), pairwise(&keys));
            let refs: Vec<&Mention> = ms.iter().collect();
            let findings = |groups: Vec<usize>| {
                let mut clusters: Vec<Vec<&Mention>> = Vec::new();
                let mut index: HashMap<usize, usize> = HashMap::new();
                for (i, m) in refs.iter().enumerate() {
                    let g = *index.entry(groups[i]).or_insert_with(|| {
                        clusters.push(Vec::new());
                        clusters.len() - 1
                    });
                    clusters[g].push(*m);
                }
                let mut out = Vec::new();
                for c in &clusters {
                    super::super::conflicts(c, &mut out);
                    super::super::first_mention(c, &mut out);
                }
                out
            };
            prop_assert_eq!(findings(super::super::cluster_roots(&refs)), findings(pairwise(&keys)));
        }
    }

    /// 20 000 entries of one type, symbol, issuer and day, each with its own number and
    /// subject (the shape that made every pair be compared, 200 million comparisons),
    /// and as many typed mentions of them: a few dozen steps per mention.
    #[test]
    fn twenty_thousand_entries_take_a_bounded_number_of_steps() {
        let day = PlanDate {
            year: 2025,
            month: Some(3),
            day: Some(1),
        };
        let n = 20_000;
        let mut ms = Vec::new();
        for i in 0..n {
            let subject = format!("về nhiệm vụ số {i} năm 2025");
            let issuer = ["UBND tỉnh An Giang", "UBND tỉnh"][i % 2];
            ms.push(mention(
                2,
                &i.to_string(),
                "QĐ-UBND",
                Some(day),
                Some(issuer),
                Some(&subject),
                None,
            ));
            ms.push(mention(
                2,
                &i.to_string(),
                "QĐ-UBND",
                Some(day),
                None,
                None,
                Some("ban hành"),
            ));
        }
        let keys: Vec<Key> = ms.iter().map(Key::of).collect();
        let mut links = link(&keys);
        let mentions = keys.len();
        assert!(
            links.work <= 60 * mentions,
            "{} steps for {mentions} mentions",
            links.work
        );
        // Each number is its own document: its entry and its typed mention.
        let groups: std::collections::HashSet<usize> =
            (0..mentions).map(|i| links.root(i)).collect();
        assert_eq!(groups.len(), n);
    }
}
