// The red line under a field: the archive's own (Chinese) message for what is wrong with it.
export function FieldError({ field, message, prefix = 'error' }: { field: string; message?: string; prefix?: string }) {
  if (!message) return null;
  return (
    <div className="field-error" role="alert" id={`${prefix}-${field}`} data-testid={`${prefix}-${field}`}>
      {message}
    </div>
  );
}
