/**
 * Live collaboration: polls the project's activity feed and pulls in whatever changed in this
 * document, so other people's annotations, reviews, comments and drafts appear without a reload.
 * An empty poll is answered 304 through If-None-Match.
 */

import { ApiError, api, getAll, urls } from "./api.js";
import { gettext } from "./i18n.js";

const POLL_MS = 1000;
const HIDDEN_POLL_MS = 5000;
const ID_BATCH = 100;

function chunks(values, size) {
  const out = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export class LiveFeed {
  constructor({ store, detail, cursor, announce }) {
    this.store = store;
    this.detail = detail;
    this.announce = announce;
    this.cursor = cursor;
    this.etag = null;
    this.timer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.#schedule(POLL_MS);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  #schedule(delay) {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  async tick() {
    let more = false;
    try {
      more = await this.poll();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.stop();
        this.announce(gettext("You are no longer logged in; live updates stopped. Reload the page to log in."), true);
        return;
      }
      console.warn("live updates:", error);
    }
    this.#schedule(more ? 0 : document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }

  /** Fetch the next page of the feed and apply it; returns whether more is waiting. */
  async poll() {
    const project = this.store.document.project;
    const url = urls.projectActivity(project, { after: this.cursor, limit: 200 });
    const { data, status, etag } = await api.get(url, { ifNoneMatch: this.etag });
    if (status === 304 || !data) return false;
    this.etag = etag;
    await this.apply(data.results);
    this.cursor = data.last;
    return data.more;
  }

  async apply(entries) {
    const annotations = new Set();
    const translations = new Set();
    const segments = new Set();
    let links = false;
    let thread = false;
    for (const entry of entries) {
      if (entry.object_type === "annotation") {
        annotations.add(entry.object_id);
        if (entry.action === "link" || entry.action === "unlink") links = true;
        if (entry.object_id === this.detail.id) thread = true;
      } else if (entry.object_type === "translation") {
        translations.add(entry.object_id);
      } else if (entry.object_type === "segment") {
        segments.add(entry.object_id);
      }
    }
    const document = this.store.document.id;
    for (const ids of chunks([...annotations], ID_BATCH)) {
      const found = await getAll(urls.annotations({ document, ids: ids.join(","), page_size: ID_BATCH }));
      for (const annotation of found) this.store.putAnnotation(annotation);
      const present = new Set(found.map((a) => a.id));
      for (const id of ids) if (!present.has(id)) this.store.dropAnnotation(id);
    }
    for (const ids of chunks([...translations], ID_BATCH)) {
      const params = { target: this.store.target, ids: ids.join(",") };
      const { data } = await api.get(urls.documentTranslations(document, params));
      for (const translation of data) this.store.putTranslation(translation);
    }
    for (const id of segments) {
      if (!this.store.segmentById.has(id)) continue;
      const { data } = await api.get(urls.segment(id));
      this.store.putSegment(data);
    }
    if (links) this.store.setLinks(await getAll(urls.links({ document, page_size: 500 })));
    if (thread) await this.detail.refreshThread();
  }
}
