/** Parse `0.6, 0.8, 1` into numbers, each checked by `check`. */
export function numberList(check?: (n: number) => string | null): (raw: string) => number[] {
  return (raw) => {
    const items = raw.split(/[\s,]+/).filter(Boolean);
    if (items.length === 0) throw new Error('enter at least one number');
    return items.map((s) => {
      const n = Number(s);
      if (!Number.isFinite(n)) throw new Error(`"${s}" is not a number`);
      const why = check?.(n);
      if (why) throw new Error(`${s}: ${why}`);
      return n;
    });
  };
}
