# SPDX-License-Identifier: GPL-3.0-or-later
# Certificates: the details pane and its import and create dialogs (sharing widgets/DetailsPane).
target_sources(vaultlens_ui PRIVATE
    certificates/CertificateDetails.h certificates/CertificateDetails.cpp
    certificates/CertificateActions.cpp
    certificates/ImportCertificateDialog.h certificates/ImportCertificateDialog.cpp
    certificates/CreateCertificateDialog.h certificates/CreateCertificateDialog.cpp
)
