package io.incidentflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rules over the compiled main classes: packages by feature, no package that imports one that imports
 * it back, and the ground floor (platform plumbing, mail infrastructure) knowing no feature above it.
 */
@AnalyzeClasses(packages = "io.incidentflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageImportsAPackageThatImportsItBack =
      slices().matching("io.incidentflow.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule platformKnowsNoFeature = noClasses().that().resideInAPackage("io.incidentflow.platform..")
      .should().dependOnClassesThat(resideInAPackage("io.incidentflow..")
          .and(not(resideInAPackage("io.incidentflow.platform.."))));

  @ArchTest
  static final ArchRule mailKnowsNoFeature = noClasses().that().resideInAPackage("io.incidentflow.mail..")
      .should().dependOnClassesThat(resideInAPackage("io.incidentflow..")
          .and(not(resideInAPackage("io.incidentflow.mail..")))
          .and(not(resideInAPackage("io.incidentflow.platform.."))));

  @ArchTest
  static final ArchRule statusPageReadsNoTableOfOthers = noClasses().that().resideInAPackage("io.incidentflow.statuspage..")
      .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository");
}
