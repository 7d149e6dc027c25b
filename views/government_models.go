package views

// GovernmentEvaluationView is a task's 정부업무평가 entries as shown, newest year first.
type GovernmentEvaluationView struct {
	Entries []GovernmentEntryView
	EditURL string // the form's choice of years, "" for those who may not edit the task
}

// GovernmentEntryView is one year's entry of a task.
type GovernmentEntryView struct {
	Year, Result, Upgrade, UpgradePlan string
	OffScale                           bool   // the result is no grade of its year (typed before the grades were kept)
	EditURL                            string // "" for those who may not edit the task
}

// GovernmentYearsPage is the choice of the year whose entry to enter or change.
type GovernmentYearsPage struct {
	Chrome
	Task, BackURL string
	Years         []GovernmentYearChoice // newest first
	NoScale       bool                   // the administrator has set no year's grades yet
	ScalesURL     string                 // the grades' page, for administrators
}

// GovernmentYearChoice is one year: its entry's result, or none yet.
type GovernmentYearChoice struct {
	Year, Result, URL string
}

// GovernmentEvaluationFormPage is the 정부업무평가 form of a task for one year.
type GovernmentEvaluationFormPage struct {
	Chrome
	Task, Year, Action, BackURL string
	YearsURL, ScalesURL         string
	Results                     []Option // the year's grades, and a result typed before them
	NoScale                     bool     // the year has no grades: nothing to choose
	Form                        Form     // models.GovernmentEvaluationInput
}

// UpgradeListPage lists the tasks marked for upgrade (고도화) with what is planned, by year.
type UpgradeListPage struct {
	Chrome
	Year      string // "2024년", or "" for every year
	ListURL   string
	Filter    Form // handlers.upgradeFilter
	Years     []Option
	ScalesURL string // the grades' page, for administrators
	Rows      []UpgradeRow
	Pager     Pager
}

// UpgradeRow is one task marked for upgrade in one year.
type UpgradeRow struct {
	TaskURL, Task, Pair, Year, Result, Plan string
}

// GovernmentScalesPage lists the years' grades.
type GovernmentScalesPage struct {
	Chrome
	Rows                []GovernmentScaleRow
	NewURL, UpgradesURL string
}

// GovernmentScaleRow is one year's grades.
type GovernmentScaleRow struct {
	Year, Grades, EditURL string
}

// GovernmentScaleFormPage is the form of one year's grades.
type GovernmentScaleFormPage struct {
	Chrome
	Year            string // "2024년" when the address names it; "" to type it
	Action, BackURL string
	Form            Form // models.GovernmentScaleInput
}
