/** The most orders one `Market.submitStepsBatch` call takes: a batch is an interval's orders, not a stream. */
export const MAX_ORDERS_PER_BATCH = 1_000_000;
