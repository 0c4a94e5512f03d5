/**
 * A nested field's message, with the field's path said once. DTO messages name their field;
 * some name it from the top (`artifact.filename must be ...`) and keep it, others only by its
 * own name (`package must be ...`) and get the path in front (`builtAgainst.0.package must be ...`).
 */
export function underParent(parentPath: string, message: string): string {
  return message.startsWith(`${parentPath}.`) ? message : `${parentPath}.${message}`;
}

/** As `validated()` words it, `builds.0.package: package must be ...`, unless the message already starts with the path. */
export function atField(path: string, message: string): string {
  return message.startsWith(`${path} `) ? message : `${path}: ${message}`;
}
