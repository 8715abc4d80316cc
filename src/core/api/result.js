// The one plain-data result of an analysis, shared by every view (hover, annotations, sidebar, reports, CLI).
export {};
