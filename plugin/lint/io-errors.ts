/** The reason of a file-system error in the words of the Go errors kubectl prints, without a stack. */
export function describeIoError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ENXIO':
      return 'no such device or address';
    default:
      return typeof message === 'string' ? message : 'cannot be read';
  }
}
