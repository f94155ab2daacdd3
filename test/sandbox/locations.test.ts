import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const api = useSandbox();

describe('GET /locations', () => {
  it('lists the OLDER fields plus the NEWER timezone', async () => {
    const { status, body } = await api.request<ListBody<Location>>('/locations');

    expect(status).toBe(200);
    expect(body.data).toEqual(api.sandbox.store.locations);
    expect(body.pagination).toEqual({ total: 3, limit: 100, offset: 0, has_more: false });
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'name',
      'address_line_1',
      'address_line_2',
      'city',
      'postcode',
      'country',
      'phone',
      'email',
      'is_active',
      'timezone',
      'created_at',
      'updated_at',
    ]);
    expect(body.data.every((location) => location.timezone === 'Europe/London')).toBe(true);
  });

  it('pages with limit and offset', async () => {
    const { body } = await api.request<ListBody<Location>>('/locations?limit=1&offset=1');

    expect(body.data.map((location) => location.id)).toEqual([api.sandbox.store.locations[1]?.id]);
    expect(body.pagination).toEqual({ total: 3, limit: 1, offset: 1, has_more: true });
  });

  it('needs read_locations', async () => {
    const { status, body } = await api.request<ErrorBody>('/locations', { key: KEYS.noscope });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: read_locations');
  });
});

describe('GET /locations/{id}', () => {
  it('returns the location', async () => {
    const target = api.sandbox.store.locations[2];
    const { body } = await api.request<ItemBody<Location>>(`/locations/${target?.id}`);

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the location', async () => {
    const { status, body } = await api.request<ErrorBody>('/locations/loc_nowhere');

    expect(status).toBe(404);
    expect(body.details).toBe('Location loc_nowhere not found');
  });
});
