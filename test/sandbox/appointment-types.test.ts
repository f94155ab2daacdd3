import { describe, expect, it } from 'vitest';
import type { AppointmentType } from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const api = useSandbox();

const listTypes = (query = '') =>
  api.request<ListBody<AppointmentType>>(`/appointment-types${query}`);

describe('GET /appointment-types', () => {
  it('lists the practice’s services with the documented fields in order', async () => {
    const { status, body } = await listTypes();

    expect(status).toBe(200);
    expect(body.data).toEqual(api.sandbox.store.appointmentTypes);
    expect(body.pagination).toEqual({ total: 8, limit: 100, offset: 0, has_more: false });
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'name',
      'description',
      'duration_minutes',
      'price',
      'currency',
      'color',
      'is_active',
      'requires_payment',
      'allow_online_booking',
      'booking_notice_hours',
      'cancellation_notice_hours',
      'max_group_size',
      'created_at',
      'updated_at',
    ]);
  });

  it('offers free NHS services, paid private ones, and one no longer offered', async () => {
    const { body } = await listTypes();
    const byName = new Map(body.data.map((type) => [type.name, type]));

    expect(byName.get('GP consultation')).toMatchObject({
      duration_minutes: 15,
      price: 0,
      currency: 'GBP',
      requires_payment: false,
    });
    expect(byName.get('Physiotherapy assessment')).toMatchObject({
      duration_minutes: 45,
      price: 75,
      requires_payment: true,
    });
    expect(body.data.filter((type) => !type.is_active)).toHaveLength(1);
    for (const type of body.data) {
      expect(type.id).toMatch(/^type_[0-9a-f]{24}$/);
      expect(type.color).toMatch(/^#[0-9A-F]{6}$/);
      expect(type.requires_payment).toBe(type.price > 0);
      expect(type.max_group_size).toBe(1);
    }
  });

  it('pages with limit and offset', async () => {
    const { body } = await listTypes('?limit=2&offset=2');

    expect(body.data.map((type) => type.id)).toEqual(
      api.sandbox.store.appointmentTypes.slice(2, 4).map((type) => type.id),
    );
    expect(body.pagination.has_more).toBe(true);
  });

  it('is open to the marketplace key but needs read_appointment_types', async () => {
    const allowed = await api.request('/appointment-types', { key: KEYS.marketplace });
    const refused = await api.request<ErrorBody>('/appointment-types', { key: KEYS.noscope });

    expect(allowed.status).toBe(200);
    expect(refused.status).toBe(403);
    expect(refused.body.details).toBe('API key lacks the required scope: read_appointment_types');
  });
});

describe('GET /appointment-types/{id}', () => {
  it('returns the type', async () => {
    const target = api.sandbox.store.appointmentTypes[4];
    const { body } = await api.request<ItemBody<AppointmentType>>(
      `/appointment-types/${target?.id}`,
    );

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the type', async () => {
    const { status, body } = await api.request<ErrorBody>('/appointment-types/type_none');

    expect(status).toBe(404);
    expect(body.details).toBe('Appointment type type_none not found');
  });
});
