import { Decimal } from 'decimal.js';

/**
 * A deliberately naive reference ledger for model-based tests: Maps, bigint balances, whole
 * copies for atomic batches, decimal.js to read amounts. It knows nothing of the fast ledger's
 * layout; where the two disagree, one of them is wrong.
 */
const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const Exact = Decimal.clone({ precision: 200 });

export class ModelError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

interface Account {
  asset: string;
  allowNegative: boolean;
  balance: bigint;
  pd: bigint;
  pc: bigint;
}
interface Transfer {
  from: string;
  to: string;
  amount: bigint;
  memo: string | undefined;
  pending: boolean;
  state: 'posted' | 'pending' | 'voided';
  raw: Record<string, unknown>;
}

const TRANSFER_KEYS = ['id', 'from', 'to', 'amount', 'memo', 'pending'];

export class NaiveLedger {
  accounts = new Map<string, Account>();
  transfers = new Map<string, Transfer>();
  batches = new Map<string, string[]>();
  journal = 0;

  constructor(readonly steps: Record<string, string>) {}

  clone(): NaiveLedger {
    const c = new NaiveLedger(this.steps);
    for (const [k, a] of this.accounts) c.accounts.set(k, { ...a });
    for (const [k, t] of this.transfers) c.transfers.set(k, { ...t });
    for (const [k, b] of this.batches) c.batches.set(k, [...b]);
    c.journal = this.journal;
    return c;
  }

  open(id: string, asset: string, allowNegative: boolean): void {
    this.accounts.set(id, { asset, allowNegative, balance: 0n, pd: 0n, pc: 0n });
  }

  private parseAmount(value: unknown, asset: string): bigint {
    let d: Decimal;
    if (typeof value === 'number' || typeof value === 'string') {
      try {
        d = new Exact(value);
      } catch {
        throw new ModelError('INVALID_AMOUNT');
      }
    } else if (Decimal.isDecimal(value)) {
      d = new Exact(value.toString());
    } else {
      throw new ModelError('INVALID_AMOUNT');
    }
    if (typeof value === 'string' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) throw new ModelError('INVALID_AMOUNT');
    if (!d.isFinite()) throw new ModelError('INVALID_AMOUNT');
    const steps = d.div(new Exact(this.steps[asset] as string));
    if (!steps.isInteger() || steps.lte(0) || steps.gt(Number.MAX_SAFE_INTEGER)) throw new ModelError('INVALID_AMOUNT');
    return BigInt(steps.toFixed(0));
  }

  private account(value: unknown): string {
    if (typeof value !== 'string' || value === '') throw new ModelError('INVALID_ID');
    if (!this.accounts.has(value)) throw new ModelError('UNKNOWN_ACCOUNT');
    return value;
  }

  /** One transfer, as Ledger.transfer (or one leg of a batch, when `kindAllowed`). */
  transfer(raw: unknown, kindAllowed = false): 'created' | 'exists' {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ModelError('INVALID_ARGUMENT');
    const o = raw as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!TRANSFER_KEYS.includes(k) && !(kindAllowed && k === 'kind')) throw new ModelError('INVALID_ARGUMENT');
    const id = o['id'];
    if (typeof id !== 'string' || id === '') throw new ModelError('INVALID_ID');
    const from = this.account(o['from']);
    const to = this.account(o['to']);
    if (from === to) throw new ModelError('SAME_ACCOUNT');
    const fa = this.accounts.get(from)!;
    const ta = this.accounts.get(to)!;
    if (fa.asset !== ta.asset) throw new ModelError('ASSET_MISMATCH');
    const memo = o['memo'];
    if (memo !== undefined && typeof memo !== 'string') throw new ModelError('INVALID_ARGUMENT');
    const pendingRaw = o['pending'];
    if (pendingRaw !== undefined && typeof pendingRaw !== 'boolean') throw new ModelError('INVALID_ARGUMENT');
    const pending = pendingRaw === true;
    const amount = this.parseAmount(o['amount'], fa.asset);
    const old = this.transfers.get(id);
    if (old !== undefined) {
      if (old.from !== from || old.to !== to || old.amount !== amount || old.memo !== memo || old.pending !== pending) {
        throw new ModelError('TRANSFER_CONFLICT');
      }
      return 'exists';
    }
    const left = fa.balance - fa.pd - amount;
    if (fa.allowNegative ? left < -MAX : left < 0n) throw new ModelError(fa.allowNegative ? 'BALANCE_OVERFLOW' : 'INSUFFICIENT_FUNDS');
    if (ta.balance + ta.pc + amount > MAX) throw new ModelError('BALANCE_OVERFLOW');
    if (pending) {
      if (fa.pd + amount > MAX || ta.pc + amount > MAX) throw new ModelError('BALANCE_OVERFLOW');
      fa.pd += amount;
      ta.pc += amount;
    } else {
      fa.balance -= amount;
      ta.balance += amount;
    }
    this.transfers.set(id, { from, to, amount, memo: memo, pending, state: pending ? 'pending' : 'posted', raw: o });
    this.journal++;
    return 'created';
  }

  /** Posts or voids, as Ledger.postPending / voidPending / an execute operation. */
  resolve(raw: Record<string, unknown>, isVoid: boolean): 'posted' | 'voided' {
    for (const k of Object.keys(raw)) if (k !== 'kind' && k !== 'id' && (isVoid || k !== 'amount')) throw new ModelError('INVALID_ARGUMENT');
    const id = raw['id'];
    if (typeof id !== 'string' || id === '') throw new ModelError('INVALID_ID');
    const t = this.transfers.get(id);
    if (t === undefined) throw new ModelError('UNKNOWN_TRANSFER');
    if (t.state !== 'pending') throw new ModelError('TRANSFER_NOT_PENDING');
    const fa = this.accounts.get(t.from)!;
    const ta = this.accounts.get(t.to)!;
    let posted = 0n;
    if (!isVoid) {
      posted = raw['amount'] === undefined ? t.amount : this.parseAmount(raw['amount'], fa.asset);
      if (posted > t.amount) throw new ModelError('INVALID_AMOUNT');
    }
    fa.pd -= t.amount;
    ta.pc -= t.amount;
    fa.balance -= posted;
    ta.balance += posted;
    t.state = isVoid ? 'voided' : 'posted';
    this.journal++;
    return isVoid ? 'voided' : 'posted';
  }

  /** Applies `f` to a copy and keeps the copy only if `f` succeeds: all or nothing. */
  atomic<T>(f: (copy: NaiveLedger) => T): T {
    const copy = this.clone();
    const result = f(copy);
    this.accounts = copy.accounts;
    this.transfers = copy.transfers;
    this.batches = copy.batches;
    this.journal = copy.journal;
    return result;
  }

  /**
   * A batch. In a batch with an id, a leg without one is the leg with the id `<batch id>/<n>`
   * (n its position): the model simply writes that id in, as the ledger promises to behave.
   */
  batch(raw: unknown, batchId?: string): ('created' | 'exists')[] {
    if (!Array.isArray(raw)) throw new ModelError('INVALID_ARGUMENT');
    const items: unknown[] = (raw as unknown[]).map((t, n): unknown => {
      if (batchId === undefined || typeof t !== 'object' || t === null || Array.isArray(t)) return t;
      const o = t as Record<string, unknown>;
      return o['id'] === undefined ? { ...o, id: `${batchId}/${n}` } : o;
    });
    return this.atomic((copy) => {
      const statuses = items.map((t) => copy.transfer(t));
      if (batchId !== undefined) {
        const known = this.batches.get(batchId);
        const ids = items.map((t) => (t as { id: string }).id);
        if (known !== undefined) {
          if (statuses.some((s) => s !== 'exists') || known.length !== ids.length || known.some((k, i) => k !== ids[i])) {
            throw new ModelError('TRANSFER_CONFLICT');
          }
        } else {
          copy.batches.set(batchId, ids);
        }
      }
      return statuses;
    });
  }

  execute(items: unknown): string[] {
    if (!Array.isArray(items)) throw new ModelError('INVALID_ARGUMENT');
    return this.atomic((copy) =>
      items.map((op) => {
        if (typeof op !== 'object' || op === null || Array.isArray(op)) throw new ModelError('INVALID_ARGUMENT');
        const o = op as Record<string, unknown>;
        if (o['kind'] === 'post' || o['kind'] === 'void') return copy.resolve(o, o['kind'] === 'void');
        if (o['kind'] !== 'transfer') throw new ModelError('INVALID_ARGUMENT');
        return copy.transfer(o, true);
      }),
    );
  }
}
