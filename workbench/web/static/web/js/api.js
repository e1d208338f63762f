/** Calls to the REST API with the session cookie, the CSRF token and entity tags. */

const CSRF = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

export class ApiError extends Error {
  constructor(status, body) {
    super(ApiError.describe(status, body));
    this.status = status;
    this.body = body;
  }

  /** A readable message from a DRF error body: detail, or "field: message" pairs. */
  static describe(status, body) {
    if (!body || typeof body !== "object") return `HTTP ${status}`;
    if (typeof body.detail === "string") return body.detail;
    const parts = [];
    for (const [field, value] of Object.entries(body)) {
      if (field === "code" || field === "current") continue;
      const text = Array.isArray(value) ? value.join(" ") : String(value);
      parts.push(field === "non_field_errors" ? text : `${field}: ${text}`);
    }
    return parts.join(" · ") || `HTTP ${status}`;
  }
}

/** The entity tag of a versioned object, as the API sends it. */
export function etagOf(object) {
  return `"${object.id}-${object.version}"`;
}

/**
 * Send a request; resolve to the parsed JSON body (null for 204/304), reject with ApiError.
 * `options.ifMatch` adds If-Match, `options.ifNoneMatch` adds If-None-Match.
 */
export async function request(method, url, { body, ifMatch, ifNoneMatch, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRFToken"] = CSRF;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (ifMatch) headers["If-Match"] = ifMatch;
  if (ifNoneMatch) headers["If-None-Match"] = ifNoneMatch;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    signal,
  });
  if (response.status === 204 || response.status === 304) {
    return { data: null, status: response.status, etag: response.headers.get("ETag") };
  }
  let data = null;
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("json")) data = await response.json();
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, status: response.status, etag: response.headers.get("ETag") };
}

export const api = {
  get: (url, options) => request("GET", url, options),
  post: (url, body, options) => request("POST", url, { ...options, body }),
  patch: (url, body, options) => request("PATCH", url, { ...options, body }),
  delete: (url, options) => request("DELETE", url, options),
};

const BASE = "/api/v1";

/** `path` under the API root, with `params` (skipping undefined ones) as the query string. */
function at(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null) query.set(name, String(value));
  }
  const search = query.toString();
  return `${BASE}${path}${search ? `?${search}` : ""}`;
}

/** Every API URL the browser uses; no other module writes one. */
export const urls = {
  annotations: (params) => at("/annotations/", params),
  annotation: (id) => at(`/annotations/${id}/`),
  annotationReview: (id) => at(`/annotations/${id}/review/`),
  annotationComments: (id, params) => at(`/annotations/${id}/comments/`, params),
  annotationHistory: (id, params) => at(`/annotations/${id}/history/`, params),
  annotationRestore: (id) => at(`/annotations/${id}/restore/`),
  links: (params) => at("/links/", params),
  link: (id) => at(`/links/${id}/`),
  segment: (id) => at(`/segments/${id}/`),
  segmentTranslations: (id) => at(`/segments/${id}/translations/`),
  translation: (id) => at(`/translations/${id}/`),
  translationDecision: (id, decision) => at(`/translations/${id}/${decision}/`),
  documentTranslations: (id, params) => at(`/documents/${id}/translations/`, params),
  job: (id) => at(`/jobs/${id}/`),
  projectActivity: (id, params) => at(`/projects/${id}/activity/`, params),
  /** The next span to review; `filters` may hold document, labelType and skip (a list of ids). */
  reviewQueue: (project, { document = "", labelType = "", skip = [] } = {}) =>
    at(`/projects/${project}/review-queue/`, {
      document: document || undefined,
      label_type: labelType || undefined,
      skip: skip.length ? skip.join(",") : undefined,
    }),
  documentAdjudication: (id) => at(`/documents/${id}/adjudication/`),
  documentAdjudicate: (id) => at(`/documents/${id}/adjudicate/`),
};

/** Every page of a paginated list, concatenated. */
export async function getAll(url) {
  const results = [];
  let next = url;
  while (next) {
    const { data } = await api.get(next);
    results.push(...data.results);
    next = data.next;
  }
  return results;
}
