// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/ActionPattern.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestActionPattern : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionMatches_data();
    void actionMatches();
};

void TestActionPattern::actionMatches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("matches");

    const QString vaultRead = u"Microsoft.KeyVault/vaults/read"_s;
    const QString secretsRead = u"Microsoft.KeyVault/vaults/secrets/read"_s;
    const QString getSecret = u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s;

    // Exact and case-insensitive
    QTest::newRow("exact") << vaultRead << vaultRead << true;
    QTest::newRow("case-insensitive pattern")
        << u"microsoft.keyvault/VAULTS/Read"_s << vaultRead << true;
    QTest::newRow("case-insensitive action")
        << vaultRead << u"MICROSOFT.KEYVAULT/VAULTS/READ"_s << true;
    QTest::newRow("exact data action") << getSecret << getSecret << true;
    QTest::newRow("different verb") << vaultRead << u"Microsoft.KeyVault/vaults/write"_s << false;
    QTest::newRow("pattern is a prefix only")
        << u"Microsoft.KeyVault/vaults"_s << vaultRead << false;
    QTest::newRow("action is a prefix only")
        << vaultRead << u"Microsoft.KeyVault/vaults"_s << false;
    QTest::newRow("extra suffix on action") << vaultRead << vaultRead + u"x"_s << false;
    QTest::newRow("other provider")
        << vaultRead << u"Microsoft.Storage/storageAccounts/read"_s << false;

    // `*` at the end
    QTest::newRow("star end provider") << u"Microsoft.KeyVault/*"_s << secretsRead << true;
    QTest::newRow("star end data action")
        << u"Microsoft.KeyVault/vaults/secrets/*"_s << getSecret << true;
    QTest::newRow("star end other provider")
        << u"Microsoft.KeyVault/*"_s << u"Microsoft.Storage/storageAccounts/read"_s << false;
    QTest::newRow("star end similar provider")
        << u"Microsoft.KeyVault/*"_s << u"Microsoft.KeyVaultX/vaults/read"_s << false;
    QTest::newRow("star end needs the slash")
        << u"Microsoft.KeyVault/*"_s << u"Microsoft.KeyVault"_s << false;
    QTest::newRow("star end case-insensitive")
        << u"microsoft.keyvault/*"_s << u"Microsoft.KeyVault/vaults/delete"_s << true;
    QTest::newRow("star end keys vs secrets")
        << u"Microsoft.KeyVault/vaults/keys/*"_s << getSecret << false;

    // `*` in the middle
    QTest::newRow("middle star one segment")
        << u"Microsoft.KeyVault/vaults/*/read"_s << secretsRead << true;
    QTest::newRow("middle star needs two slashes")
        << u"Microsoft.KeyVault/vaults/*/read"_s << vaultRead << false;
    QTest::newRow("middle star spans slashes")
        << u"Microsoft.KeyVault/vaults/*/read"_s
        << u"Microsoft.KeyVault/vaults/secrets/versions/read"_s << true;
    QTest::newRow("middle star wrong verb")
        << u"Microsoft.KeyVault/vaults/*/read"_s << u"Microsoft.KeyVault/vaults/secrets/write"_s
        << false;
    QTest::newRow("middle star verb suffix")
        << u"Microsoft.KeyVault/vaults/*/read"_s << u"Microsoft.KeyVault/vaults/secrets/readx"_s
        << false;
    QTest::newRow("middle star generic read")
        << u"Microsoft.Authorization/*/read"_s << u"Microsoft.Authorization/roleAssignments/read"_s
        << true;
    QTest::newRow("middle star generic read, write action")
        << u"Microsoft.Authorization/*/read"_s << u"Microsoft.Authorization/roleAssignments/write"_s
        << false;

    // Several stars
    const QString cost = u"Microsoft.CostManagement/*/query/*"_s;
    QTest::newRow("several stars match")
        << cost << u"Microsoft.CostManagement/exports/query/action"_s << true;
    QTest::newRow("several stars deep")
        << cost << u"Microsoft.CostManagement/a/b/query/c/d"_s << true;
    QTest::newRow("several stars missing query")
        << cost << u"Microsoft.CostManagement/exports/read"_s << false;
    QTest::newRow("several stars query needs a segment before")
        << cost << u"Microsoft.CostManagement/query/read"_s << false;
    QTest::newRow("several stars other provider")
        << cost << u"Microsoft.Consumption/exports/query/action"_s << false;
    QTest::newRow("consecutive stars") << u"Microsoft.KeyVault/**"_s << secretsRead << true;
    QTest::newRow("star backtracking") << u"*ab"_s << u"aab"_s << true;
    QTest::newRow("star backtracking twice") << u"a*a*a"_s << u"aaa"_s << true;
    QTest::newRow("star backtracking too short") << u"a*a*a"_s << u"aa"_s << false;
    QTest::newRow("stars around literal") << u"*/secrets/*"_s << getSecret << true;
    QTest::newRow("stars around missing literal") << u"*/keys/*"_s << getSecret << false;

    // `*` alone and `*/read`
    QTest::newRow("star alone") << u"*"_s << getSecret << true;
    QTest::newRow("star alone management") << u"*"_s << u"Microsoft.Resources/read"_s << true;
    QTest::newRow("star alone empty action") << u"*"_s << QString() << true;
    QTest::newRow("star read vs vault read") << u"*/read"_s << vaultRead << true;
    QTest::newRow("star read vs secrets read") << u"*/read"_s << secretsRead << true;
    QTest::newRow("star read vs write")
        << u"*/read"_s << u"Microsoft.KeyVault/vaults/write"_s << false;
    QTest::newRow("star read vs data action") << u"*/read"_s << getSecret << false;
    QTest::newRow("star read vs bare read") << u"*/read"_s << u"read"_s << false;

    // Degenerate input
    QTest::newRow("empty pattern") << QString() << vaultRead << false;
}

void TestActionPattern::actionMatches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, action);
    QFETCH(bool, matches);

    QCOMPARE(vl::access::actionMatches(pattern, action), matches);
}

QTEST_GUILESS_MAIN(TestActionPattern)
#include "tst_actionpattern.moc"
