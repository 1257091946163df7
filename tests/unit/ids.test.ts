import { describe, expect, it } from 'vitest';
import { newId } from '../../electron/services/core/ids';

describe('record ids (UUIDv7)', () => {
  it('are RFC 9562 version 7, unique and ordered by creation even within one millisecond', () => {
    const ids = Array.from({ length: 20000 }, () => newId());
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
