/** Why a request produced no response worth reading. `timeout` and `network` are worth a retry. */
export class RequestError extends Error {
  readonly kind: 'timeout' | 'too-large' | 'network' | 'aborted';
  constructor(kind: RequestError['kind'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RequestError';
    this.kind = kind;
  }
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
  bytes: number;
}

export interface RawGetOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  /** `manual` (the crawler checks every hop) or `follow` (robots.txt, RFC 9309 §2.3.1.2). */
  redirect: 'manual' | 'follow';
  /** Past `maxBytes`, keep what was read instead of failing (robots.txt: RFC 9309 §2.5 parses the first 500 KiB). */
  truncate?: boolean;
  /** Read the body only for these statuses (a 404 page body is not worth the bytes). */
  readBody?: (status: number) => boolean;
}

/**
 * One GET with a deadline covering headers and body, and a size cap enforced while streaming (a huge or
 * endless page is cut off at `maxBytes`, not buffered).
 */
export async function rawGet(url: string, options: RawGetOptions): Promise<RawResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const classify = (error: unknown): RequestError => {
    if (error instanceof RequestError) return error;
    if (timeout.aborted)
      return new RequestError('timeout', `timed out after ${options.timeoutMs} ms`, { cause: error });
    if (options.signal?.aborted) return new RequestError('aborted', 'aborted', { cause: error });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new RequestError('network', cause?.code ?? cause?.message ?? (error as Error).message, {
      cause: error,
    });
  };
  try {
    const response = await fetch(url, { headers: options.headers, redirect: options.redirect, signal });
    if (options.readBody && !options.readBody(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, headers: response.headers, body: '', bytes: 0 };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes && !options.truncate) {
      await response.body?.cancel().catch(() => undefined);
      throw new RequestError('too-large', `page is ${declared} bytes, over the ${options.maxBytes}-byte cap`);
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (options.truncate && bytes + value.byteLength > options.maxBytes) {
          chunks.push(value.subarray(0, options.maxBytes - bytes));
          bytes = options.maxBytes;
          await reader.cancel().catch(() => undefined);
          break;
        }
        bytes += value.byteLength;
        if (bytes > options.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new RequestError('too-large', `page exceeds the ${options.maxBytes}-byte cap`);
        }
        chunks.push(value);
      }
    }
    return {
      status: response.status,
      headers: response.headers,
      body: decode(chunks, bytes, response.headers),
      bytes,
    };
  } catch (error) {
    throw classify(error);
  }
}

function decode(chunks: Uint8Array[], bytes: number, headers: Headers): string {
  const all = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const charset = /charset=["']?([\w-]+)/i.exec(headers.get('content-type') ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(all);
  } catch {
    // An unknown charset label: UTF-8 is the web's default and decodes ASCII markup correctly.
    return new TextDecoder('utf-8').decode(all);
  }
}
