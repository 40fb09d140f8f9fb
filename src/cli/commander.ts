// commander, required rather than imported: it is CommonJS, and imported from an ES module Node
// reads its entry files asynchronously and scans them for their exports before running them (a
// few ms of every start, `noisy search`'s included). The classes and their types are
// @commander-js/extra-typings' (program.ts infers each command's options from them).
import { createRequire } from 'node:module';
import type * as Typed from '@commander-js/extra-typings';

const commander = createRequire(import.meta.url)('@commander-js/extra-typings') as typeof Typed;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;

/** A command as extra-typings declares it: its arguments, its options, and the program's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type -- extra-typings' own bounds and defaults
export type Command<Args extends any[] = [], Opts extends Typed.OptionValues = {}, GlobalOpts extends Typed.OptionValues = {}> = Typed.Command<Args, Opts, GlobalOpts>;
