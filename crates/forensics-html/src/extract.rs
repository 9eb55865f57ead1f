//! Main-article extraction: prune page furniture, choose the content
//! container, and lay its text out as typed blocks.
//!
//! Two container choosers, measured against each other (see README.md):
//! - [`Method::Readability`]: readability's candidate scoring (paragraph text
//!   and commas propagated to ancestors, class weights, link density) with
//!   sibling merging.
//! - [`Method::Hints`]: the element the template names as the article body
//!   (`itemprop=articleBody`, `article-body`, `entry-content`, … as
//!   trafilatura's body selectors), checked against the readability choice
//!   and falling back to it when the named element holds too little.

use crate::dom::{Dom, ROOT, collapse};
use crate::hints;
use forensics_parse::BlockKind;

/// How the content container is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    Readability,
    #[default]
    Hints,
}

/// Extraction settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub method: Method,
    /// Give each block its position in the page source ([`forensics_parse::Block::source`]);
    /// on by default, off only to measure what it costs.
    pub source_positions: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { method: Method::default(), source_positions: true }
    }
}

/// Block-level elements: they start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
    "dd", "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "figure", "figcaption", "form", "fieldset", "address",
    "hr", "body", "html", "center", "details", "summary", "dialog", "menu", "legend", "#root",
];

/// Removed with their content unless they hold most of the page's text.
const FURNITURE_TAGS: &[&str] = &["nav", "footer", "aside", "form", "header", "menu", "dialog", "input", "fieldset", "label"];
const FURNITURE_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "search", "menu", "menubar", "toolbar"];

fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

fn commas(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،' | '؛')).count()
}

fn text_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

pub(crate) struct Analysis<'a> {
    dom: &'a Dom,
    removed: Vec<bool>,
    /// Non-whitespace characters under each node (removed subtrees count 0).
    len: Vec<usize>,
    /// Of which inside links.
    link: Vec<usize>,
    commas: Vec<usize>,
    body: usize,
}

impl<'a> Analysis<'a> {
    pub(crate) fn new(dom: &'a Dom) -> Self {
        let n = dom.nodes.len();
        let body = (0..n).find(|&i| dom.nodes[i].tag == "body").unwrap_or(ROOT);
        let mut a = Analysis { dom, removed: vec![false; n], len: vec![0; n], link: vec![0; n], commas: vec![0; n], body };
        a.measure();
        // Furniture goes unless it holds a large share of the page text
        // (ASP.NET pages wrap everything in a <form>; some templates put
        // the story inside <header> or a wrapper named "…-w-sidebar").
        // Elements first, then class words on small parts (menus, ads), then
        // class words measured against what is left.
        for pass in 0..3 {
            let total = a.len[body].max(1);
            for i in 0..n {
                let node = &dom.nodes[i];
                if node.text.is_some() || i == body || i == ROOT || node.tag == "html" || a.removed[i] || is_article_body(node) {
                    continue;
                }
                let small = if pass == 1 { a.len[i] * 10 < total } else { a.len[i] * 5 < total * 2 };
                let furniture = if pass == 0 {
                    small && (node.hidden || FURNITURE_TAGS.contains(&node.tag.as_str()) || node.role.as_deref().is_some_and(|r| FURNITURE_ROLES.contains(&r)))
                } else {
                    // A class word does not remove the article element itself
                    // (WordPress marks it "tag-…", "category-…").
                    !matches!(node.tag.as_str(), "article" | "main")
                        && (hints::is_strong_boilerplate(&node.hint) || (small && hints::is_boilerplate(&node.hint) && !a.holds_prose(i)))
                };
                if furniture {
                    a.removed[i] = true;
                }
            }
            a.measure();
        }
        a
    }

    /// Bottom-up text measures; children always have larger indices than parents.
    fn measure(&mut self) {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut dead = vec![false; n];
        for i in 0..n {
            dead[i] = self.removed[i] || (i != ROOT && dead[dom.nodes[i].parent]);
        }
        self.len.iter_mut().for_each(|x| *x = 0);
        self.link.iter_mut().for_each(|x| *x = 0);
        self.commas.iter_mut().for_each(|x| *x = 0);
        for i in (0..n).rev() {
            if dead[i] {
                continue;
            }
            let node = &dom.nodes[i];
            if let Some(t) = &node.text {
                self.len[i] = text_len(t);
                self.commas[i] = commas(t);
            }
            if node.tag == "a" {
                self.link[i] = self.len[i];
            }
            if i != ROOT {
                let p = node.parent;
                self.len[p] += self.len[i];
                self.link[p] += self.link[i];
                self.commas[p] += self.commas[i];
            }
        }
        // Removed subtrees count nothing, also below the root of the cut.
        for i in 0..n {
            if dead[i] {
                self.len[i] = 0;
                self.link[i] = 0;
            }
        }
        self.removed = dead;
    }

    /// Several real paragraphs and few links: a weak class word ("sidebar"
    /// in "page-content and-w-sidebar") does not make this furniture.
    fn holds_prose(&self, i: usize) -> bool {
        if self.link_density(i) > 0.3 {
            return false;
        }
        let paras = self.dom.preorder(i, |k| self.removed[k]).into_iter().filter(|&k| self.dom.nodes[k].tag == "p" && self.len[k] >= 80 && self.link_density(k) < 0.3).count();
        paras >= 3
    }

    fn link_density(&self, i: usize) -> f64 {
        if self.len[i] == 0 { 0.0 } else { self.link[i] as f64 / self.len[i] as f64 }
    }

    fn under_body(&self, i: usize) -> bool {
        let mut x = i;
        loop {
            if x == self.body {
                return true;
            }
            if x == ROOT {
                return self.body == ROOT;
            }
            x = self.dom.nodes[x].parent;
        }
    }

    /// readability: score paragraphs, propagate to ancestors, pick the best,
    /// merge its good siblings. Returns the content roots in document order.
    fn readability(&self) -> Vec<usize> {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut score = vec![0.0f64; n];
        let mut init = vec![false; n];
        let init_score = |i: usize| -> f64 {
            let node = &dom.nodes[i];
            let base = match node.tag.as_str() {
                "div" | "article" | "main" | "section" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            base + hints::class_weight(&node.hint)
        };
        for i in 0..n {
            let node = &dom.nodes[i];
            if self.removed[i] || node.text.is_some() || !self.under_body(i) {
                continue;
            }
            let scorable = matches!(node.tag.as_str(), "p" | "pre" | "td" | "blockquote") || (is_block(&node.tag) && self.own_len(i) >= 25);
            if !scorable {
                continue;
            }
            let (own, own_commas) = if matches!(node.tag.as_str(), "p" | "pre" | "td" | "blockquote") { (self.len[i], self.commas[i]) } else { self.own(i) };
            if own < 25 {
                continue;
            }
            let s = 1.0 + own_commas as f64 + (own as f64 / 100.0).min(3.0);
            let mut anc = node.parent;
            for level in 0..5 {
                if anc == ROOT || dom.nodes[anc].tag == "html" {
                    break;
                }
                if !init[anc] {
                    init[anc] = true;
                    score[anc] = init_score(anc);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                score[anc] += s / div;
                anc = dom.nodes[anc].parent;
            }
        }
        let mut best: Option<usize> = None;
        for i in 0..n {
            if init[i] {
                score[i] *= 1.0 - self.link_density(i);
                if best.is_none_or(|b| score[i] > score[b]) {
                    best = Some(i);
                }
            }
        }
        let Some(mut top) = best else { return vec![self.body] };
        // Several near-best candidates under one ancestor: the story is split
        // across them, take the ancestor.
        let alts: Vec<usize> = (0..n).filter(|&i| init[i] && i != top && score[i] >= 0.75 * score[top]).collect();
        if alts.len() >= 3 {
            let mut anc = dom.nodes[top].parent;
            while anc != ROOT && anc != self.body {
                let inside = alts.iter().filter(|&&a| self.contains(anc, a)).count();
                if inside >= 3 {
                    top = anc;
                    break;
                }
                anc = dom.nodes[anc].parent;
            }
        }
        // An only child says nothing its parent does not.
        while top != self.body && top != ROOT {
            let p = dom.nodes[top].parent;
            let elems = dom.nodes[p].children.iter().filter(|&&c| !dom.is_text(c) && !self.removed[c]).count();
            if elems == 1 && p != self.body && p != ROOT {
                top = p;
            } else {
                break;
            }
        }
        if top == self.body || top == ROOT {
            return vec![top];
        }
        let parent = dom.nodes[top].parent;
        let top_score = score[top];
        let threshold = (top_score * 0.2).max(10.0);
        let mut out = Vec::new();
        for &s in &dom.nodes[parent].children {
            if self.removed[s] || dom.is_text(s) {
                continue;
            }
            if s == top {
                out.push(s);
                continue;
            }
            let mut bonus = 0.0;
            if !dom.nodes[top].hint.is_empty() && dom.nodes[s].hint == dom.nodes[top].hint {
                bonus = top_score * 0.2;
            }
            let keep = if init[s] && score[s] + bonus >= threshold {
                true
            } else if dom.nodes[s].tag == "p" {
                let ld = self.link_density(s);
                let l = self.len[s];
                let text = self.text_of(s);
                (l > 80 && ld < 0.25) || (l > 0 && l <= 80 && ld == 0.0 && (text.contains(". ") || text.ends_with('.')))
            } else {
                false
            };
            if keep {
                out.push(s);
            }
        }
        out
    }

    fn contains(&self, anc: usize, mut i: usize) -> bool {
        while i != ROOT {
            if i == anc {
                return true;
            }
            i = self.dom.nodes[i].parent;
        }
        anc == ROOT
    }

    /// Text directly in the element (text children and inline children).
    fn own(&self, i: usize) -> (usize, usize) {
        let mut l = 0;
        let mut c = 0;
        for &k in &self.dom.nodes[i].children {
            let node = &self.dom.nodes[k];
            if node.text.is_some() || !is_block(&node.tag) {
                l += self.len[k];
                c += self.commas[k];
            }
        }
        (l, c)
    }

    fn own_len(&self, i: usize) -> usize {
        self.own(i).0
    }

    fn text_of(&self, i: usize) -> String {
        let mut s = String::new();
        for k in self.dom.preorder(i, |k| self.removed[k]) {
            if let Some(t) = &self.dom.nodes[k].text {
                s.push_str(t);
            }
        }
        collapse(&s)
    }

    /// The element the template names as the article body, if one holds real text.
    fn named_body(&self) -> Option<usize> {
        let dom = self.dom;
        let weigh = |i: usize| self.len[i] as f64 * (1.0 - self.link_density(i));
        let pick = |pred: &dyn Fn(usize) -> bool| {
            (0..dom.nodes.len())
                .filter(|&i| !self.removed[i] && dom.nodes[i].text.is_none() && self.len[i] >= 200 && pred(i))
                .max_by(|&a, &b| weigh(a).total_cmp(&weigh(b)).then(b.cmp(&a)))
        };
        pick(&|i| is_article_body(&dom.nodes[i])).or_else(|| {
            pick(&|i| {
                let node = &dom.nodes[i];
                node.tag == "article" || node.tag == "main" || node.role.as_deref() == Some("main")
            })
        })
    }

    /// The named body and the elements named the same way outside it (CMSs
    /// split a long story into several body components between ads), in
    /// document order.
    fn same_kind(&self, h: usize) -> Vec<usize> {
        let dom = self.dom;
        let node = &dom.nodes[h];
        if node.hint.is_empty() {
            return vec![h];
        }
        let mut out: Vec<usize> = Vec::new();
        for i in 0..dom.nodes.len() {
            let n = &dom.nodes[i];
            if self.removed[i] || n.text.is_some() || n.tag != node.tag || n.hint != node.hint || self.len[i] == 0 {
                continue;
            }
            if out.iter().any(|&o| self.contains(o, i)) {
                continue;
            }
            out.push(i);
        }
        if out.is_empty() { vec![h] } else { out }
    }

    pub(crate) fn roots(&self, opts: &Options) -> Vec<usize> {
        let r = self.readability();
        match opts.method {
            Method::Readability => r,
            Method::Hints => match self.named_body() {
                Some(h) => {
                    let rl: usize = r.iter().map(|&x| self.len[x]).sum();
                    // A named body much smaller than the scored content is a
                    // teaser or a fragment; one inside the readability choice or
                    // around it is the precise boundary.
                    if self.len[h] * 10 >= rl * 3 { self.same_kind(h) } else { r }
                }
                None => r,
            },
        }
    }

    /// The text of the roots as typed blocks.
    pub(crate) fn blocks(&self, roots: &[usize]) -> Vec<(BlockKind, String)> {
        let mut w = Writer { out: Vec::new(), buf: String::new(), link: 0, kinds: Vec::new() };
        for &r in roots {
            self.emit(r, &mut w, r);
            w.flush();
        }
        w.out
    }

    fn emit(&self, root: usize, w: &mut Writer, _top: usize) {
        let dom = self.dom;
        enum Ev {
            Open(usize),
            Close(usize),
        }
        let mut stack = vec![Ev::Open(root)];
        let root_len = self.len[root].max(1);
        while let Some(ev) = stack.pop() {
            match ev {
                Ev::Open(i) => {
                    if self.removed[i] {
                        continue;
                    }
                    let node = &dom.nodes[i];
                    if let Some(t) = &node.text {
                        let in_link = self.in_link(i, root);
                        w.push_text(t, in_link);
                        continue;
                    }
                    let tag = node.tag.as_str();
                    if tag == "br" {
                        w.buf.push('\n');
                        continue;
                    }
                    if is_block(tag) {
                        w.flush();
                    }
                    let kind = if i != root && matches!(tag, "div" | "section" | "ul" | "ol" | "table" | "aside" | "dl")
                        && self.link_density(i) > 0.5
                        && self.len[i] * 4 < root_len
                    {
                        Some(BlockKind::Teaser)
                    } else {
                        self.kind_of(i)
                    };
                    w.kinds.push(kind);
                    stack.push(Ev::Close(i));
                    for &c in node.children.iter().rev() {
                        stack.push(Ev::Open(c));
                    }
                }
                Ev::Close(i) => {
                    if is_block(&dom.nodes[i].tag) {
                        w.flush();
                    }
                    w.kinds.pop();
                }
            }
        }
    }

    fn in_link(&self, mut i: usize, root: usize) -> bool {
        while i != root && i != ROOT {
            i = self.dom.nodes[i].parent;
            if self.dom.nodes[i].tag == "a" {
                return true;
            }
        }
        false
    }

    fn kind_of(&self, i: usize) -> Option<BlockKind> {
        let node = &self.dom.nodes[i];
        match node.tag.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => return Some(BlockKind::Heading),
            "li" | "dt" | "dd" => return Some(BlockKind::ListItem),
            "figcaption" | "caption" => return Some(BlockKind::Caption),
            "figure" => return Some(BlockKind::Caption),
            "address" => return Some(BlockKind::Byline),
            "time" => return Some(BlockKind::Metadata),
            _ => {}
        }
        if hints::is_caption(&node.hint) {
            Some(BlockKind::Caption)
        } else if hints::is_byline(&node.hint) && self.len[i] < 300 {
            Some(BlockKind::Byline)
        } else {
            None
        }
    }
}

fn is_article_body(node: &crate::dom::Node) -> bool {
    node.itemprop.as_deref() == Some("articlebody") || hints::is_body(&node.hint)
}

struct Writer {
    out: Vec<(BlockKind, String)>,
    buf: String,
    link: usize,
    /// Kind of each open element (None: inherits).
    kinds: Vec<Option<BlockKind>>,
}

impl Writer {
    fn push_text(&mut self, t: &str, in_link: bool) {
        if in_link {
            self.link += text_len(t);
        }
        self.buf.push_str(t);
    }

    fn flush(&mut self) {
        let lines: Vec<String> = self.buf.split('\n').map(collapse).filter(|l| !l.is_empty()).collect();
        let text = lines.join("\n");
        let len = text_len(&text);
        let link = std::mem::take(&mut self.link);
        self.buf.clear();
        if len == 0 || !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let mut kind = self.kinds.iter().rev().find_map(|k| *k).unwrap_or(BlockKind::Paragraph);
        // Teaser and caption win over the list item or heading they contain.
        for k in self.kinds.iter().flatten() {
            if matches!(k, BlockKind::Teaser | BlockKind::Caption | BlockKind::Byline) {
                kind = *k;
                break;
            }
        }
        if link * 2 > len && kind != BlockKind::Heading {
            kind = BlockKind::Teaser;
        }
        self.out.push((kind, text));
    }
}
