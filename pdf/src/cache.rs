//! What a [`crate::Renderer`] keeps between documents to make the next one faster, owned by the
//! renderer (no process-wide state): its prebuilt font objects (signature appearances draw with
//! them), the font subsets of recent signature appearances, and SHA-256 states of recent and
//! shared document prefixes (so a second signature of a document hashes only what was added), and
//! the image of the school's seal when its template names one.
//! A signer without a renderer uses an empty cache of its own.

use crate::fonts::{FontObjects, FontParts};
use ring::digest::{Context, SHA256};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Font subsets of signature appearances, by face (font data address) and used glyphs.
pub(crate) type SubsetKey = (usize, Vec<(u16, char)>);

/// Renderers' font objects kept at most (the oldest is forgotten first).
const PREBUILT_KEPT: usize = 8;
/// Appearance font subsets kept at most (the cache is emptied when full).
const SUBSETS_KEPT: usize = 256;
/// Hash states kept (the oldest is dropped first): a few documents being signed at the same time.
const STATES_KEPT: usize = 8;
/// Longer ranges are not kept (a copy of the bytes is kept with each state).
const MAX_STATE_LEN: usize = 4 << 20;
/// Bytes at the end of a range compared first (ranges of other documents differ there).
const TAIL: usize = 256;

struct Checkpoint {
    bytes: Vec<u8>,
    state: Context,
}

#[derive(Default)]
pub struct PdfCache {
    prebuilt: Mutex<Vec<Arc<FontObjects>>>,
    subsets: Mutex<HashMap<SubsetKey, Arc<FontParts>>>,
    recent: Mutex<VecDeque<Checkpoint>>,
    pinned: Mutex<VecDeque<Checkpoint>>,
    seal_image: std::sync::OnceLock<Arc<crate::image::Image>>,
}

impl std::fmt::Debug for PdfCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfCache").finish_non_exhaustive()
    }
}

impl PdfCache {
    /// The image a seal signature's appearance shows (`[signatures] seal_image`), if any.
    pub(crate) fn seal_image(&self) -> Option<Arc<crate::image::Image>> {
        self.seal_image.get().cloned()
    }

    /// Sets [`PdfCache::seal_image`] (once: a renderer's template does not change).
    pub(crate) fn set_seal_image(&self, image: crate::image::Image) {
        let _ = self.seal_image.set(Arc::new(image));
    }

    /// The prebuilt font objects of the renderer(s) using this cache, newest first: a signature
    /// appearance draws with them when the document carries them unchanged.
    pub(crate) fn prebuilt_fonts(&self) -> Vec<Arc<FontObjects>> {
        self.prebuilt.lock().map(|fonts| fonts.clone()).unwrap_or_default()
    }

    /// Adds a renderer's font objects to [`PdfCache::prebuilt_fonts`] (once for identical ones).
    pub(crate) fn register_fonts(&self, fonts: &Arc<FontObjects>) {
        if let Ok(mut kept) = self.prebuilt.lock() {
            kept.retain(|f| f.bytes != fonts.bytes);
            kept.insert(0, fonts.clone());
            kept.truncate(PREBUILT_KEPT);
        }
    }

    /// A font subset made for an earlier appearance.
    pub(crate) fn font_parts(&self, key: &SubsetKey) -> Option<Arc<FontParts>> {
        self.subsets.lock().ok().and_then(|cache| cache.get(key).cloned())
    }

    pub(crate) fn keep_font_parts(&self, key: SubsetKey, parts: Arc<FontParts>) {
        if let Ok(mut cache) = self.subsets.lock() {
            if cache.len() >= SUBSETS_KEPT {
                cache.clear();
            }
            cache.insert(key, parts);
        }
    }

    /// Keeps the SHA-256 state after `bytes`, bytes that start many documents (the header and
    /// fonts every document of a renderer starts with): signing such a document hashes only what
    /// follows.
    pub(crate) fn pin_prefix(&self, bytes: Vec<u8>) {
        let Ok(mut pinned) = self.pinned.lock() else {
            return;
        };
        if pinned.iter().any(|c| c.bytes == bytes) {
            return;
        }
        let mut state = Context::new(&SHA256);
        state.update(&bytes);
        pinned.push_front(Checkpoint { bytes, state });
        pinned.truncate(STATES_KEPT);
    }

    /// The length of the longest kept range that is a strict prefix of `bytes`, and the hash state
    /// after it (0 and a fresh state if none). Only strict prefixes: the state of a range equal to
    /// `bytes` is never reused, so hashing the same bytes again costs the same as the first time.
    pub(crate) fn resume(&self, bytes: &[u8]) -> (usize, Context) {
        let mut best = (0, Context::new(&SHA256));
        for list in [&self.pinned, &self.recent] {
            let Ok(list) = list.lock() else {
                continue;
            };
            let found = list
                .iter()
                .filter(|c| c.bytes.len() > best.0 && c.bytes.len() < bytes.len() && starts_with(bytes, &c.bytes))
                .max_by_key(|c| c.bytes.len());
            if let Some(c) = found {
                best = (c.bytes.len(), c.state.clone());
            }
        }
        best
    }

    /// Keeps `state`, the hash state after `bytes`.
    pub(crate) fn keep_state(&self, bytes: &[u8], state: &Context) {
        if bytes.len() > MAX_STATE_LEN {
            return;
        }
        let checkpoint = Checkpoint { bytes: bytes.to_vec(), state: state.clone() };
        if let Ok(mut kept) = self.recent.lock() {
            kept.retain(|c| c.bytes != checkpoint.bytes);
            kept.push_front(checkpoint);
            kept.truncate(STATES_KEPT);
        }
    }
}

/// Whether `bytes` starts with `prefix`, checked from the end of `prefix`.
fn starts_with(bytes: &[u8], prefix: &[u8]) -> bool {
    let Some(head) = bytes.get(..prefix.len()) else {
        return false;
    };
    let tail = prefix.len().saturating_sub(TAIL);
    head[tail..] == prefix[tail..] && head[..tail] == prefix[..tail]
}
