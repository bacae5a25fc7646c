import { main } from './cli';
import { InfraError } from './errors';

const print = (line: string) => process.stdout.write(`${line}\n`);
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2), print).then(exit, (error: unknown) => {
  // An InfraError already says what is wrong and where to look; anything else is a bug: show it all.
  const expected = error instanceof InfraError;
  process.stderr.write(
    `\n${expected ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  exit(1);
});
