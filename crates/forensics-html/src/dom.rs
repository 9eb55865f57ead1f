//! A flat copy of the parsed page: one arena of nodes with the few things
//! extraction looks at (tag, class/id words, visibility, text), so scoring is
//! index arithmetic instead of tree-pointer chasing, and iterative (a
//! pathologically deep page cannot overflow the stack).

use scraper::Html;
use scraper::node::Node as HtmlNode;

pub(crate) const ROOT: usize = 0;

#[derive(Debug, Default)]
pub(crate) struct Node {
    /// Lower-case local name; empty for text nodes.
    pub tag: String,
    /// Text of a text node (raw, whitespace not yet collapsed).
    pub text: Option<String>,
    pub parent: usize,
    pub children: Vec<usize>,
    /// `class` and `id` values, lower-cased, space separated.
    pub hint: String,
    pub itemprop: Option<String>,
    pub role: Option<String>,
    /// `hidden`, `aria-hidden="true"`, or an inline `display:none`.
    pub hidden: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
}

/// Elements whose content never belongs to the article text.
const SKIP_CONTENT: &[&str] = &["script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas", "select", "option", "textarea", "button"];

impl Dom {
    pub(crate) fn from_html(html: &Html) -> Dom {
        let mut nodes = vec![Node { tag: "#root".into(), ..Node::default() }];
        // (scraper node, arena parent)
        let mut stack = vec![(html.tree.root(), ROOT)];
        while let Some((node, parent)) = stack.pop() {
            let mut this = parent;
            match node.value() {
                HtmlNode::Document | HtmlNode::Fragment => {}
                HtmlNode::Element(el) => {
                    let tag = el.name().to_ascii_lowercase();
                    if SKIP_CONTENT.contains(&tag.as_str()) {
                        continue;
                    }
                    let mut hint = String::new();
                    for v in [el.attr("class"), el.attr("id")].into_iter().flatten() {
                        hint.push_str(&v.to_lowercase());
                        hint.push(' ');
                    }
                    let style = el.attr("style").map(|s| s.to_ascii_lowercase().replace(' ', "")).unwrap_or_default();
                    let hidden = el.attr("hidden").is_some()
                        || el.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
                        || style.contains("display:none")
                        || style.contains("visibility:hidden");
                    let idx = nodes.len();
                    nodes.push(Node {
                        tag,
                        text: None,
                        parent,
                        children: Vec::new(),
                        hint,
                        itemprop: el.attr("itemprop").map(str::to_ascii_lowercase),
                        role: el.attr("role").map(str::to_ascii_lowercase),
                        hidden,
                    });
                    nodes[parent].children.push(idx);
                    this = idx;
                }
                HtmlNode::Text(t) => {
                    let idx = nodes.len();
                    nodes.push(Node { text: Some(t.to_string()), parent, ..Node::default() });
                    nodes[parent].children.push(idx);
                    continue;
                }
                _ => continue,
            }
            // Children pushed in reverse so they pop in document order.
            let kids: Vec<_> = node.children().collect();
            for k in kids.into_iter().rev() {
                stack.push((k, this));
            }
        }
        Dom { nodes }
    }

    pub(crate) fn is_text(&self, i: usize) -> bool {
        self.nodes[i].text.is_some()
    }

    /// Preorder of the subtree under `i` (including `i`), skipping subtrees for which `skip` says so.
    pub(crate) fn preorder(&self, i: usize, mut skip: impl FnMut(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            if skip(n) {
                continue;
            }
            out.push(n);
            for &c in self.nodes[n].children.iter().rev() {
                stack.push(c);
            }
        }
        out
    }
}

/// Whitespace collapsed to single spaces.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}
