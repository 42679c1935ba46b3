// `npm run bench`: every benchmark in turn, each printing its figures beside its baseline.
import { main as searchBench } from "./search";

searchBench().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
