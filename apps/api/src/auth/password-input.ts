import { stderr, stdin } from 'node:process';

/** The first line of standard input (a pipe or a file), without its line ending. */
async function firstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Typed at a terminal with nothing echoed; Ctrl-C aborts. */
function typed(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Raw (no echo) before the prompt shows: whatever is typed once it is there stays hidden.
    stdin.setRawMode(true);
    stderr.write(prompt);
    let value = '';
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (input: string) => {
      for (const char of input) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new Error('Cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** A password: typed (not echoed) when standard input is a terminal, else its first line. */
export async function readPassword(prompt: string): Promise<string> {
  return stdin.isTTY ? typed(prompt) : firstLine();
}
