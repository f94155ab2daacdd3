import { describe, expect, it } from 'vitest';
import { SANDBOX_KEYS, SCOPES, MARKETPLACE_SCOPES } from '../../src/sandbox/keys.js';
import { KEYS, useSandbox, type ErrorBody } from '../support/sandbox-http.js';

const api = useSandbox({
  keys: { pk_test_consultations_only: { scopes: ['read_consultations'], label: 'test' } },
});

async function expectUnauthorized(headers: Record<string, string>, details: string) {
  const response = await api.request<ErrorBody>('/patients', { key: null, headers });

  expect(response.status).toBe(401);
  expect(response.body).toEqual({
    error: 'Unauthorized',
    details,
    request_id: response.headers.get('x-request-id'),
  });
}

describe('authentication', () => {
  it('answers 401 when there is no Authorization header', async () => {
    await expectUnauthorized({}, 'Invalid or missing API key');
  });

  it('answers 401 when the header is not a Bearer token', async () => {
    await expectUnauthorized({ Authorization: KEYS.full }, 'Invalid or missing API key');
    await expectUnauthorized({ Authorization: `Basic ${KEYS.full}` }, 'Invalid or missing API key');
    await expectUnauthorized({ Authorization: 'Bearer' }, 'Invalid or missing API key');
  });

  it('answers 401 for a key it does not know', async () => {
    await expectUnauthorized(
      { Authorization: 'Bearer pk_test_nobody' },
      'Invalid or missing API key',
    );
  });

  it('does not treat names inherited by plain objects as keys', async () => {
    await expectUnauthorized({ Authorization: 'Bearer constructor' }, 'Invalid or missing API key');
    await expectUnauthorized({ Authorization: 'Bearer __proto__' }, 'Invalid or missing API key');
  });

  it('tells a live key that it cannot reach sandbox data and to use a pk_test_ key', async () => {
    const response = await api.request<ErrorBody>('/patients', { key: 'pk_live_abc123' });

    expect(response.status).toBe(401);
    expect(response.body.details).toMatch(/live .*keys? cannot access sandbox data/i);
    expect(response.body.details).toContain('pk_test_');
  });

  it('answers 401 API key has been revoked for the revoked key', async () => {
    await expectUnauthorized(
      { Authorization: `Bearer ${KEYS.revoked}` },
      'API key has been revoked',
    );
  });

  it('accepts the scheme in any case', async () => {
    const response = await api.request('/patients?limit=1', {
      key: null,
      headers: { Authorization: `bearer ${KEYS.full}` },
    });

    expect(response.status).toBe(200);
  });
});

describe('scopes', () => {
  it('answers 403 naming read_patients when the key lacks it', async () => {
    const response = await api.request<ErrorBody>('/patients', { key: KEYS.noscope });

    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: 'Forbidden',
      details: 'API key lacks the required scope: read_patients',
      request_id: response.headers.get('x-request-id'),
    });
  });

  it('answers 403 naming write_patients when the read-only key tries to create', async () => {
    const response = await api.request<ErrorBody>('/patients', {
      method: 'POST',
      key: KEYS.readonly,
      json: { first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1990-12-10' },
    });

    expect(response.status).toBe(403);
    expect(response.body.details).toBe('API key lacks the required scope: write_patients');
    expect(api.sandbox.store.listPatients({ search: 'Lovelace' })).toHaveLength(0);
  });

  it('answers 403 naming read_consultations for the marketplace key', async () => {
    const response = await api.request<ErrorBody>('/consultations', { key: KEYS.marketplace });

    expect(response.body.details).toBe('API key lacks the required scope: read_consultations');
  });

  it('lets the booking key read patients but not consultations', async () => {
    expect((await api.request('/patients?limit=1', { key: KEYS.booking })).status).toBe(200);
    expect((await api.request('/consultations', { key: KEYS.booking })).status).toBe(403);
  });

  it('accepts extra keys from the options with exactly their scopes', async () => {
    const key = 'pk_test_consultations_only';

    expect((await api.request('/consultations?limit=1', { key })).status).toBe(200);
    expect((await api.request('/patients?limit=1', { key })).status).toBe(403);
  });

  it('authenticates before routing, so an unknown path without a key is 401', async () => {
    const response = await api.request<ErrorBody>('/no-such-thing', { key: null });

    expect(response.status).toBe(401);
  });
});

describe('the built-in keys', () => {
  it('cover the 17 OLDER scopes and the five marketplace ones', () => {
    expect(SCOPES).toHaveLength(17);
    expect(MARKETPLACE_SCOPES).toEqual([
      'read_appointment_types',
      'read_clinicians',
      'read_locations',
      'read_availability',
      'write_holds',
    ]);
    expect(SANDBOX_KEYS[KEYS.full]?.scopes).toEqual(SCOPES);
    expect(SANDBOX_KEYS[KEYS.readonly]?.scopes.every((scope) => scope.startsWith('read_'))).toBe(
      true,
    );
    expect(SANDBOX_KEYS[KEYS.readonly]?.scopes).toHaveLength(10);
    expect(SANDBOX_KEYS[KEYS.booking]?.scopes).toEqual([
      ...MARKETPLACE_SCOPES,
      'read_patients',
      'write_patients',
    ]);
    expect(SANDBOX_KEYS[KEYS.noscope]?.scopes).toEqual([]);
    expect(SANDBOX_KEYS[KEYS.revoked]?.revoked).toBe(true);
  });
});
