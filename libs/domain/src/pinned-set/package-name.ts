/** PEP 508 project name: letters and digits, with '.', '_' and '-' only between them. */
const PACKAGE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** PEP 503 normal form: lower case, each run of '-', '_' and '.' replaced by one '-'. */
export function normalisePackageName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function isPackageName(text: string): boolean {
  return PACKAGE_NAME.test(text);
}
