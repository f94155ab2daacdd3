import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { formatTimestamp } from './calendar.js';
import { HttpError } from './http/http-error.js';
import { readQueryParam } from './http/query.js';

/** How long a link from `GET /documents/{id}/download` works. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;

/** The path, under the base path, that serves a document's file to a signed link. */
export const DOCUMENT_FILES_PATH = '/document-files';

export interface DownloadLink {
  url: string;
  /** ISO 8601, `DOWNLOAD_LINK_SECONDS` after the link was issued. */
  expires_at: string;
}

const SIGNATURE = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Signed, expiring links to document files, like a storage bucket's pre-signed URLs. The secret
 * is random per sandbox, so a link never outlives the sandbox that issued it.
 */
export class DownloadLinks {
  readonly #secret = randomBytes(32);
  readonly #baseUrl: () => string;

  /** `baseUrl` gives the sandbox's own URL (origin and base path) once it is listening. */
  constructor(baseUrl: () => string) {
    this.#baseUrl = baseUrl;
  }

  issue(documentId: string, now: Date): DownloadLink {
    const expires = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_SECONDS;
    const query = new URLSearchParams({
      expires: String(expires),
      signature: this.#sign(documentId, String(expires)),
    });
    const path = `${DOCUMENT_FILES_PATH}/${encodeURIComponent(documentId)}`;

    return {
      url: `${this.#baseUrl()}${path}?${query.toString()}`,
      expires_at: formatTimestamp(expires * 1000),
    };
  }

  /** Throws a 403 unless `query` carries this sandbox's unexpired signature for the document. */
  check(documentId: string, query: URLSearchParams, now: Date): void {
    const expires = readQueryParam(query, 'expires') ?? '';
    const signature = readQueryParam(query, 'signature') ?? '';
    if (!UNIX_SECONDS.test(expires) || !SIGNATURE.test(signature)) {
      throw new HttpError(403, 'Download link is missing its expires or signature parameter');
    }

    const expected = Buffer.from(this.#sign(documentId, expires), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
      throw new HttpError(403, 'Download link signature is invalid');
    }
    if (now.getTime() > Number(expires) * 1000) {
      throw new HttpError(403, 'Download link has expired; request a new one');
    }
  }

  /** Hex HMAC-SHA256 of `<document id>.<expires>`. */
  #sign(documentId: string, expires: string): string {
    return createHmac('sha256', this.#secret).update(`${documentId}.${expires}`).digest('hex');
  }
}
