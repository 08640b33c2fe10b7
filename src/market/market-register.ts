// Market.registerParticipant's command, out of market.ts so that the class stays the market's
// public surface (as market-amend.ts and market-cancel.ts do for theirs): one command, one file.

import type { ParticipantInput } from './market-types.js';
import { readParticipantInput } from './participant-registry.js';
import type { CommandContext } from './command-context.js';

/**
 * Market.registerParticipant, command frame and all but the event flush: reads the input (id and
 * zone once, before the clock and the checks; see readParticipantInput), then checks it and
 * registers the participant (opening its accounts), journals it and queues its event.
 */
export function registerCommand(ctx: CommandContext, participant: ParticipantInput): void {
  const fn = 'Market.registerParticipant';
  const { core } = ctx;
  const input = readParticipantInput(participant);
  const outer = core.begin(fn);
  try {
    const record = core.registry.parse(input, fn);
    core.registry.add(record);
    ctx.record({ kind: 'register', participant: { id: record.id, zone: record.zone } });
    core.emit('participantRegistered', { participant: record.id, zone: record.zone });
  } finally {
    core.end(outer);
  }
}
