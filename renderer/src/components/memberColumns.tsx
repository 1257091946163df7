// The members grid's columns. Width, visibility and pinning are *initial* values: the clerk's own
// choices (and the status view's) survive when the definitions are rebuilt. Sorting and filtering run in the archive (infinite row model), so every
// filter here produces a model the listMembers call understands: text filters for text and coded
// columns (the archive matches coded values by their Chinese label), date filters for dates.
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { MemberListRowDto } from '../api';
import { labelOf, type CodeListName } from '../lib/codes';
import { todayLocal } from '../lib/dates';
import { partyAgeYears } from '../lib/nationalCard';

export type MemberRow = MemberListRowDto;

/** Shown or hidden by the status view (已出党 / 全部), not by the column chooser. */
export const EXIT_COLUMNS = ['exitReason', 'exitDate'];

/** Never hidden: without the name a row means nothing. */
export const LOCKED_COLUMNS = ['name'];

const TEXT_FILTER: ColDef<MemberRow> = {
  filter: 'agTextColumnFilter',
  filterParams: {
    filterOptions: ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'],
    maxNumConditions: 1,
    debounceMs: 400,
  },
};

const CODED_FILTER: ColDef<MemberRow> = {
  filter: 'agTextColumnFilter',
  filterParams: { filterOptions: ['contains', 'notContains', 'equals', 'notEqual'], maxNumConditions: 1, debounceMs: 400 },
};

const DATE_FILTER: ColDef<MemberRow> = {
  filter: 'agDateColumnFilter',
  // A date picker does not fit a floating-filter cell; the header's filter button opens it.
  floatingFilter: false,
  filterParams: {
    filterOptions: ['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank'],
    maxNumConditions: 1,
    inRangeInclusive: true,
  },
};

function StatusTags({ data, t }: ICellRendererParams<MemberRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <span className="tags">
      {data.exitReason && <span className="tag grey">{t('grid.tagExited')}</span>}
      {!data.exitReason && data.category === 'probationary' && <span className="tag blue">{t('grid.tagProbationary')}</span>}
      {!data.exitReason && data.isMobile && <span className="tag orange">{t('grid.tagMobile')}</span>}
      {!data.exitReason && data.isLost && <span className="tag red">{t('grid.tagLost')}</span>}
    </span>
  );
}

export function memberColumns(t: TFunction, language: string): ColDef<MemberRow>[] {
  const coded = (list: CodeListName) => ({
    ...CODED_FILTER,
    valueFormatter: (p: ValueFormatterParams<MemberRow>) => labelOf(list, p.value as string | null, language),
  });
  const header = (colId: string) => t(`columns.${colId}`);
  const col = (colId: keyof MemberRow, width: number, extra: ColDef<MemberRow> = {}): ColDef<MemberRow> => ({
    colId,
    field: colId,
    headerName: header(colId),
    initialWidth: width,
    ...extra,
  });
  return [
    col('name', 110, { ...TEXT_FILTER, initialPinned: 'left', lockVisible: true, cellClass: 'cell-name' }),
    {
      colId: 'status',
      headerName: header('status'),
      initialWidth: 100,
      sortable: false,
      filter: false,
      cellRenderer: StatusTags,
      cellRendererParams: { t },
    },
    col('exitReason', 140, { ...coded('exitReason'), initialHide: true, cellClass: 'cell-exit' }),
    col('exitDate', 130, { ...DATE_FILTER, initialHide: true, cellClass: 'cell-exit' }),
    col('gender', 80, coded('gender')),
    col('idNumber', 190, { ...TEXT_FILTER, cellClass: 'cell-mono' }),
    col('ethnicity', 90, coded('ethnicity')),
    col('birthDate', 130, DATE_FILTER),
    col('education', 120, coded('education')),
    col('category', 120, coded('memberCategory')),
    {
      ...col('orgName', 220, TEXT_FILTER),
      valueGetter: (p) => (p.data ? (p.data.orgShortName ?? p.data.orgName) : undefined),
      tooltipValueGetter: (p) => p.data?.orgName,
    },
    col('parentOrgName', 200, { ...TEXT_FILTER, initialHide: true }),
    col('joinDate', 130, DATE_FILTER),
    col('fullDate', 130, DATE_FILTER),
    col('occupation', 200, coded('occupation')),
    col('jobTitle', 140, { ...TEXT_FILTER, initialHide: true }),
    col('phone', 140, { ...TEXT_FILTER, cellClass: 'cell-mono' }),
    col('address', 220, { ...TEXT_FILTER, initialHide: true }),
    col('nativePlace', 140, { ...TEXT_FILTER, initialHide: true }),
    col('workUnit', 200, { ...TEXT_FILTER, initialHide: true }),
    col('householdPlace', 200, { ...TEXT_FILTER, initialHide: true }),
    col('remarks', 200, { ...TEXT_FILTER, initialHide: true }),
    // The national card's items, offered by the column chooser. A record holding only a coarse 学历/职业
    // shows 待细化 beside it; 未填写 shows nothing.
    col('educationLevel', 170, {
      ...TEXT_FILTER,
      initialHide: true,
      valueFormatter: (p) => (p.value ? String(p.value) : p.data?.education ? t('form.toRefine', { value: labelOf('education', p.data.education, language) }) : ''),
    }),
    col('jobPost', 220, {
      ...TEXT_FILTER,
      initialHide: true,
      valueFormatter: (p) =>
        p.value ? String(p.value) : p.data?.occupation && p.data.occupation !== '0' ? t('form.toRefine', { value: labelOf('occupation', p.data.occupation, language) }) : '',
    }),
    col('degree', 90, { ...coded('degree'), initialHide: true }),
    col('newSocialStratum', 200, { ...TEXT_FILTER, initialHide: true }),
    col('professionalTitle', 150, { ...TEXT_FILTER, initialHide: true }),
    col('isMigrantWorker', 110, { initialHide: true, sortable: false, filter: false, valueFormatter: (p) => (p.value ? t('common.yes') : t('common.no')) }),
    col('currentResidence', 220, { ...TEXT_FILTER, initialHide: true }),
    {
      colId: 'partyAge',
      headerName: header('partyAge'),
      initialWidth: 90,
      initialHide: true,
      sortable: false,
      filter: false,
      valueGetter: (p) => (p.data ? partyAgeYears(p.data.category, p.data.fullDate ?? '', p.data.partyAgeAdjustMonths, todayLocal()) : null),
    },
    col('partyAgeAdjustMonths', 130, { initialHide: true, filter: false }),
    col('joinType', 110, { ...TEXT_FILTER, initialHide: true }),
    col('fullStatus', 140, { ...TEXT_FILTER, initialHide: true }),
    col('joinBranch', 180, { ...TEXT_FILTER, initialHide: true }),
    col('probationExtensionMonths', 130, { initialHide: true, filter: false }),
    {
      colId: 'mobileDestination',
      headerName: header('mobileDestination'),
      initialWidth: 200,
      initialHide: true,
      sortable: false,
      filter: false,
      valueGetter: (p) => (p.data?.isMobile ? [p.data.mobileProvince, p.data.mobileCity, p.data.mobileCounty].filter(Boolean).join(' ') : ''),
    },
    col('lostMonth', 120, { ...TEXT_FILTER, initialHide: true }),
  ];
}
