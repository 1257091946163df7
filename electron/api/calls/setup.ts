// Setting the install up: which township (or the county) it is, the demo township, integrity check.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { integrityReport, setupStatus } from '../schemas';
import * as settings from '../../services/core/settings';
import { loadDemoTownship } from '../../services/demo/demoTownship';
import { checkArchive } from '../../services/core/integrity';

export const setupCalls = {
  getSetup: defineCall({ access: 'public', input: z.object({}).optional(), output: setupStatus, run: (ctx) => settings.getSetup(ctx) }),
  initTownship: defineCall({
    access: 'admin',
    input: z.object({ code: z.string().max(20), name: z.string().max(50), role: z.enum(['township', 'county']).default('township') }),
    output: setupStatus,
    run: (ctx, i) => settings.initTownship(ctx, i),
  }),
  loadDemo: defineCall({
    access: 'admin',
    input: z.object({ members: z.number().int().min(1).max(200000).optional(), seed: z.number().int().optional() }).optional(),
    output: z.object({ organizations: z.number(), members: z.number() }),
    run: (ctx, i) => loadDemoTownship(ctx, i ?? {}),
  }),
  checkArchive: defineCall({ access: 'read', input: z.object({}).optional(), output: integrityReport, run: (ctx) => checkArchive(ctx) }),
  getPreference: defineCall({ access: 'public', input: z.object({ key: z.string().max(64) }), output: z.unknown(), run: (ctx, i) => settings.getPreference(ctx, i.key) }),
  // the user's grid columns and language: not archive data
  setPreference: defineCall({
    access: 'read',
    input: z.object({ key: z.string().max(64), value: z.unknown() }),
    output: z.null(),
    run: async (ctx, i) => {
      await settings.setPreference(ctx, i.key, i.value);
      return null;
    },
  }),
};
