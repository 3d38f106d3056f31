/** `users x/N` about twenty times per scan (and at the end), not once per user of a large organization. */
export function progressLogger(log: (done: number, total: number) => void): (done: number, total: number) => void {
  return (done, total) => {
    const step = Math.max(1, Math.ceil(total / 20));
    if (done === total || done % step === 0) log(done, total);
  };
}
