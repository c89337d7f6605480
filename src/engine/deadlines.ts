// Request timeouts without a timer per request: requests of one timeout length expire in the order
// they were sent, so each length keeps an intrusive doubly linked list (O(1) add and remove, no
// allocation) and one shared ticker looks at the heads.

export interface Expirable {
  deadline: number;
  prevDeadline: Expirable | undefined;
  nextDeadline: Expirable | undefined;
  deadlineList: DeadlineList | undefined;
  expire(): void;
}

export class DeadlineList {
  head: Expirable | undefined;
  tail: Expirable | undefined;

  add(item: Expirable, deadline: number): void {
    item.deadline = deadline;
    item.deadlineList = this;
    item.prevDeadline = this.tail;
    item.nextDeadline = undefined;
    if (this.tail) this.tail.nextDeadline = item;
    else this.head = item;
    this.tail = item;
  }

  remove(item: Expirable): void {
    if (item.deadlineList !== this) return;
    if (item.prevDeadline) item.prevDeadline.nextDeadline = item.nextDeadline;
    else this.head = item.nextDeadline;
    if (item.nextDeadline) item.nextDeadline.prevDeadline = item.prevDeadline;
    else this.tail = item.prevDeadline;
    item.prevDeadline = item.nextDeadline = item.deadlineList = undefined;
  }

  /** Expires every item whose deadline has passed. */
  expireUntil(now: number): void {
    let item = this.head;
    while (item && item.deadline <= now) {
      this.remove(item);
      item.expire();
      item = this.head;
    }
  }
}

/** The lists by timeout length, checked every `tickMs`. */
export class Deadlines {
  private readonly lists = new Map<number, DeadlineList>();
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly now: () => number,
    tickMs = 5,
  ) {
    this.ticker = setInterval(() => this.check(), tickMs);
  }

  add(item: Expirable, timeoutMs: number, startedAt: number): void {
    let list = this.lists.get(timeoutMs);
    if (!list) {
      list = new DeadlineList();
      this.lists.set(timeoutMs, list);
    }
    list.add(item, startedAt + timeoutMs);
  }

  remove(item: Expirable): void {
    item.deadlineList?.remove(item);
  }

  private check(): void {
    const now = this.now();
    for (const list of this.lists.values()) list.expireUntil(now);
  }

  close(): void {
    clearInterval(this.ticker);
  }
}
