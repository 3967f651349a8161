/**
 * The line of each value in a JSON text, by path ("timescales.assessmentWorkingDays", "localClosureDays.1"),
 * so that a policy problem names the line it is on. A small scanner rather than a second JSON parser: it
 * trusts that JSON.parse has already accepted the text.
 */
export function linesByPath(json: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < json.length && /\s/.test(json[i]!)) {
      if (json[i] === '\n') line++;
      i++;
    }
  };
  const readString = (): string => {
    let out = '';
    i++; // opening quote
    while (i < json.length && json[i] !== '"') {
      if (json[i] === '\\') {
        out += json[i + 1] ?? '';
        i += 2;
      } else {
        out += json[i++];
      }
    }
    i++; // closing quote
    return out;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const c = json[i];
    if (c === '{') {
      i++;
      skip();
      while (i < json.length && json[i] !== '}') {
        skip();
        const keyLine = line;
        const key = readString();
        const childPath = path ? `${path}.${key}` : key;
        skip();
        i++; // colon
        value(childPath);
        lines.set(childPath, keyLine);
        skip();
        if (json[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '[') {
      i++;
      let index = 0;
      skip();
      while (i < json.length && json[i] !== ']') {
        value(`${path}.${index++}`);
        skip();
        if (json[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < json.length && !/[\s,\]}]/.test(json[i]!)) i++;
    }
  };
  value('');
  return lines;
}

/** The line of a character offset (for JSON.parse's "at position N"). */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
