/** What a route answers; the pipeline adds the headers every response carries. */
export type Reply = JsonReply | FileReply;

export interface JsonReply {
  status: 200 | 201;
  body: unknown;
  /** Sent besides the headers every response carries. */
  headers?: Readonly<Record<string, string>>;
}

/** A file served as it is, rather than a JSON body. */
export interface FileReply {
  status: 200;
  file: {
    contentType: string;
    content: Buffer;
    /** `attachment` asks a browser to save the file rather than show it. */
    disposition: 'inline' | 'attachment';
    /** Offered to the client in Content-Disposition, reduced to safe ASCII. */
    fileName: string;
  };
}

export interface Pagination {
  total: number;
  limit: number;
  offset: number;
  has_more: boolean;
}

export function ok(data: unknown): Reply {
  return { status: 200, body: { data } };
}

export function created(data: unknown): Reply {
  return { status: 201, body: { data } };
}

export function fileReply(file: FileReply['file']): FileReply {
  return { status: 200, file };
}

export function list(data: readonly unknown[], pagination: Pagination): Reply {
  return { status: 200, body: { data, pagination } };
}
