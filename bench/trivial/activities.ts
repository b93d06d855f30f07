/** No work at all: what is left is the cost of scheduling, running and recording an activity. */
export function trivialActivities() {
  return {
    async trivialNoop(n: number): Promise<number> {
      return n;
    },
  };
}
