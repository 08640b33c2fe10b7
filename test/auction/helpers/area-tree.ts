import { Decimal } from 'decimal.js';

/**
 * A market hierarchy as gsy-e builds it: every area with children is a market that charges its
 * own grid fee on each kWh that passes through it. Used to turn a published area tree into a
 * wattmarket zone fee matrix (one zone per market).
 */
export interface Area {
  readonly name: string;
  /** The fee this area's market charges per kWh that passes through it. */
  readonly fee: string;
  readonly children?: readonly Area[];
}

/** The markets (areas with children) of `root`, depth first. */
export function markets(root: Area): Area[] {
  const out: Area[] = [];
  const walk = (a: Area): void => {
    if (a.children === undefined) return;
    out.push(a);
    a.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The chain of areas from `root` down to `name`. */
function lineage(root: Area, name: string): Area[] {
  if (root.name === name) return [root];
  for (const child of root.children ?? []) {
    const below = lineage(child, name);
    if (below.length > 0) return [root, ...below];
  }
  return [];
}

/**
 * The markets energy passes from the market `from` to the market `to`: up from `from` to the
 * lowest market holding both, then down to `to`, each once.
 */
export function path(root: Area, from: string, to: string): Area[] {
  const up = lineage(root, from);
  const down = lineage(root, to);
  if (up.length === 0 || down.length === 0) throw new Error(`no area named ${from} or ${to}`);
  let common = 0;
  while (common < up.length && common < down.length && up[common] === down[common]) common++;
  return [...up.slice(common - 1).reverse(), ...down.slice(common)];
}

/** The fee matrix `fees[from][to]`: the sum of the fees of every market on the path. */
export function pathFees(root: Area): Record<string, Record<string, string>> {
  const names = markets(root).map((m) => m.name);
  return Object.fromEntries(
    names.map((from) => [from, Object.fromEntries(names.map((to) => [to, path(root, from, to).reduce((s, m) => s.plus(m.fee), new Decimal(0)).toString()]))]),
  );
}
