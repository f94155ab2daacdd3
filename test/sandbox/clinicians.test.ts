import { describe, expect, it } from 'vitest';
import type { Clinician } from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const api = useSandbox();

describe('GET /clinicians', () => {
  it('lists the eight clinicians in the OLDER envelope, fields in the documented order', async () => {
    const { status, body } = await api.request<ListBody<Clinician>>('/clinicians');

    expect(status).toBe(200);
    expect(body.data).toEqual(api.sandbox.store.clinicians);
    expect(body.pagination).toEqual({ total: 8, limit: 100, offset: 0, has_more: false });
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'user_id',
      'first_name',
      'last_name',
      'title',
      'role',
      'specialties',
      'bio',
      'email',
      'phone',
      'avatar_url',
      'is_active',
      'created_at',
      'updated_at',
    ]);
  });

  it('pages with limit and offset', async () => {
    const { body } = await api.request<ListBody<Clinician>>('/clinicians?limit=3&offset=6');

    expect(body.data.map((clinician) => clinician.id)).toEqual(
      api.sandbox.store.clinicians.slice(6).map((clinician) => clinician.id),
    );
    expect(body.pagination).toEqual({ total: 8, limit: 3, offset: 6, has_more: false });
  });

  it('answers 400 for a limit over 100', async () => {
    const { status, body } = await api.request<ErrorBody>('/clinicians?limit=101');

    expect(status).toBe(400);
    expect(body.details).toBe('limit must be an integer from 1 to 100; received "101"');
  });

  it('is open to the marketplace key but needs read_clinicians', async () => {
    const allowed = await api.request('/clinicians', { key: KEYS.marketplace });
    const refused = await api.request<ErrorBody>('/clinicians', { key: KEYS.noscope });

    expect(allowed.status).toBe(200);
    expect(refused.status).toBe(403);
    expect(refused.body.details).toBe('API key lacks the required scope: read_clinicians');
  });
});

describe('GET /clinicians/{id}', () => {
  it('returns the clinician, retired ones included', async () => {
    const retired = api.sandbox.store.clinicians.find((clinician) => !clinician.is_active);
    const { status, body } = await api.request<ItemBody<Clinician>>(`/clinicians/${retired?.id}`);

    expect(status).toBe(200);
    expect(body.data).toEqual(retired);
    expect(body.data.user_id).toMatch(/^usr_[0-9a-f]{24}$/);
  });

  it('answers 404 naming the clinician', async () => {
    const { status, body } = await api.request<ErrorBody>('/clinicians/cli_nobody');

    expect(status).toBe(404);
    expect(body.details).toBe('Clinician cli_nobody not found');
  });

  it('answers 405 for writes, as the directory is read-only', async () => {
    const id = api.sandbox.store.clinicians[0]?.id;
    const response = await api.request(`/clinicians/${id}`, { method: 'PATCH', json: {} });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
