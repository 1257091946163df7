// One entry of the contract: the access class the caller's role must hold, the call's input and output
// schemas, and the service that answers it. The dispatcher checks the access, parses the input, runs
// `run`, and parses the output. The lists of call names and of access are derived from these entries.
import type { z } from 'zod';
import type { Access } from '../services/accounts/roles';
import type { ServiceContext } from '../services/core/context';

export interface CallDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the caller's role must grant (services/accounts/roles.ts); checked before the input is parsed. */
  access: Access;
  input: I;
  output: O;
  run: (ctx: ServiceContext, input: z.output<I>) => Promise<z.input<O>>;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(definition: CallDefinition<I, O>): CallDefinition<I, O> {
  return definition;
}
