// One entry of the contract: the call's input and output schemas, whether it writes, and the service
// that answers it. The dispatcher parses the input, runs `run`, and parses the output.
import type { z } from 'zod';
import type { ServiceContext } from '../services/core/context';

export interface CallDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  write: boolean;
  run: (ctx: ServiceContext, input: z.output<I>) => Promise<z.input<O>>;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(definition: CallDefinition<I, O>): CallDefinition<I, O> {
  return definition;
}
