/** Records of any kind grouped by `patient_id`, each group in the order given. */
export function groupByPatient<T extends { patient_id: string }>(
  records: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.patient_id);
    if (group) group.push(record);
    else groups.set(record.patient_id, [record]);
  }

  return groups;
}
