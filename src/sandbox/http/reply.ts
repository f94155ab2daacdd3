/** What a route answers; the pipeline adds the headers every response carries. */
export interface Reply {
  status: 200 | 201;
  body: unknown;
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

export function list(data: readonly unknown[], pagination: Pagination): Reply {
  return { status: 200, body: { data, pagination } };
}
