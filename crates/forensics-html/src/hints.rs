//! Class/id vocabulary of web page templates: general conventions shared by
//! CMSs and by the extractors that came before (readability's
//! positive/negative patterns, trafilatura's pruning and body selectors).
//! Nothing here names a site.

/// Words in a class or id that mark non-article furniture: removed whole.
const BOILERPLATE: &[&str] = &[
    "share", "sharing", "social", "newsletter", "subscribe", "subscription", "related", "recommend", "recommended", "comment", "comments",
    "rating", "teaser", "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "sidebar", "footer", "masthead", "cookie", "cookies",
    "consent", "popup", "modal", "overlay", "promo", "advert", "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored", "outbrain",
    "taboola", "disqus", "signup", "widget", "toolbar", "print", "tags", "pagination", "pager", "paywall", "login", "trending",
    "popular", "most", "more", "further", "carousel", "banner", "skip", "jump", "toc", "follow", "donate", "author-bio", "bio",
    "hidden", "hide", "visually", "sr", "screen", "offscreen", "dropdown", "search", "tools", "actions", "reactions", "feedback",
];

/// Words that mark text kept but typed (not body): captions, credits, bylines.
const CAPTION: &[&str] = &["caption", "figcaption", "credit", "credits", "photo-credit", "image-credit", "wp-caption-text"];
const BYLINE: &[&str] = &["byline", "author", "authors", "dateline", "timestamp", "date", "published", "meta", "posted", "updated"];

/// Substrings of a class/id that name the article body container.
const BODY: &[&str] = &[
    "articlebody", "article-body", "article_body", "article__body", "storybody", "story-body", "story_body", "story__body",
    "entry-content", "entry_content", "entrycontent", "post-content", "post_content", "postcontent", "post-body", "post_body", "postbody",
    "article-content", "article_content", "article__content", "articlecontent", "story-content", "story_content", "storycontent",
    "article-text", "article_text", "articletext", "article__text", "body-text", "bodytext", "content-body", "entry-body", "story-text",
    "news-body", "newsbody", "text-body", "main-text", "post-entry", "post-text", "article-main", "blog-post-body", "rich-text", "richtext",
];

/// readability's positive and negative class/id words (its class weight).
const POSITIVE: &[&str] = &["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"];
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
];

/// The words of a class/id string: split on anything but letters and digits.
fn words(hint: &str) -> impl Iterator<Item = &str> {
    hint.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn has_word(hint: &str, list: &[&str]) -> bool {
    words(hint).any(|w| list.contains(&w)) || list.iter().any(|l| l.contains('-') && hint.split_whitespace().any(|h| h == *l))
}

/// Boilerplate words that are never the name of a page-wide wrapper.
const STRONG: &[&str] = &["share", "sharing", "social", "newsletter", "comment", "comments", "disqus", "related", "recommended", "cookie", "consent", "outbrain", "taboola"];

/// A boilerplate class that is removed whatever its size.
pub(crate) fn is_strong_boilerplate(hint: &str) -> bool {
    !hint.is_empty() && !is_body(hint) && has_word(hint, STRONG)
}

pub(crate) fn is_boilerplate(hint: &str) -> bool {
    !hint.is_empty() && !is_body(hint) && has_word(hint, BOILERPLATE)
}

pub(crate) fn is_caption(hint: &str) -> bool {
    !hint.is_empty() && (has_word(hint, CAPTION) || hint.split_whitespace().any(|h| CAPTION.contains(&h)))
}

pub(crate) fn is_byline(hint: &str) -> bool {
    !hint.is_empty() && !is_body(hint) && has_word(hint, BYLINE)
}

pub(crate) fn is_body(hint: &str) -> bool {
    !hint.is_empty() && BODY.iter().any(|b| hint.contains(b))
}

/// readability's class weight: +25 for a positive word, -25 for a negative one.
pub(crate) fn class_weight(hint: &str) -> f64 {
    if hint.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if NEGATIVE.iter().any(|n| hint.contains(n)) {
        w -= 25.0;
    }
    if POSITIVE.iter().any(|p| hint.contains(p)) {
        w += 25.0;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_substrings() {
        assert!(is_boilerplate("social-share"));
        assert!(is_boilerplate("ad-slot"));
        assert!(!is_boilerplate("header-navigation-shadow-xyz article-body"));
        assert!(!is_boilerplate("heading"));
        assert!(!is_boilerplate("shared-content-loader"));
        assert!(is_caption("wp-caption-text"));
        assert!(is_body("c-article-body__content"));
    }
}
